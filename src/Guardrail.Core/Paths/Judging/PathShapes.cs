using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// The request shapes of the whole path beyond the bucket policy's: <c>s3:GetBucketLocation</c>, the Glue catalog
/// reads of a table, and S3's <c>kms:Decrypt</c> on the bucket's key on the role's behalf. Each reuses the role
/// session's context (<see cref="SpectrumContext.ForBucket"/>) with the resource's account, and changes only what
/// differs for that request; what AWS does not document stays unknowable.
/// </summary>
internal static class PathShapes
{
    private const string KeyNetworkWhy = "whether S3's call to KMS on the role's behalf carries the caller's network keys is not documented";

    /// <summary>Spectrum's S3 requests on one bucket (the bucket-policy shapes plus <c>s3:GetBucketLocation</c>).</summary>
    public static IReadOnlyList<RequestShape> ForBucket(BucketCheckOptions options)
    {
        var shapes = new List<RequestShape>(SpectrumShapes.ForBucket(options));
        var context = SpectrumContext.ForBucket(options).With(
            ("s3:authType", ContextValue.Unknowable("how Spectrum signs s3:GetBucketLocation is not documented")),
            ("s3:signatureAge", ContextValue.Unknowable("the age of the signature of s3:GetBucketLocation is not documented")),
            ("s3:prefix", ContextValue.Absent),
            ("s3:delimiter", ContextValue.Absent),
            ("s3:max-keys", ContextValue.Absent));
        shapes.Add(new RequestShape(
            "s3:GetBucketLocation",
            context,
            new FixedResource(new ConcreteResource($"arn:{options.ReadingRole.Partition}:s3:::{options.Bucket}")),
            [NumericDimension.Time(options.Now)],
            static arn => $"s3:GetBucketLocation on {arn}"));
        return shapes;
    }

    /// <summary>
    /// The Glue reads of one table: each action on each resource Glue authorizes it against. Findings about the
    /// table's ARN add <c>note</c> (the tables it stands for, if any).
    /// </summary>
    public static IReadOnlyList<RequestShape> ForCatalog(BucketCheckOptions roleOptions, string region, string catalogAccount, string database, string table, string note = "")
    {
        var partition = roleOptions.ReadingRole.Partition;
        var prefix = $"arn:{partition}:glue:{region}:{catalogAccount}:";
        var catalog = prefix + "catalog";
        var databaseArn = $"{prefix}database/{database}";
        var tableArn = $"{prefix}table/{database}/{table}";
        var context = ResourceContext(roleOptions, catalogAccount).With(("aws:RequestedRegion", ContextValue.Of(region)));
        var time = NumericDimension.Time(roleOptions.Now);
        (string Action, string Resource)[] requests =
        [
            ("glue:GetDatabase", catalog), ("glue:GetDatabase", databaseArn),
            ("glue:GetTable", catalog), ("glue:GetTable", databaseArn), ("glue:GetTable", tableArn),
            ("glue:GetPartitions", catalog), ("glue:GetPartitions", databaseArn), ("glue:GetPartitions", tableArn),
        ];
        return [.. requests.Select(r => new RequestShape(
            r.Action,
            context,
            new FixedResource(new ConcreteResource(r.Resource)),
            [time],
            arn => $"{r.Action} on {arn}{(arn == tableArn ? note : string.Empty)}"))];
    }

    /// <summary>
    /// <c>lakeformation:GetDataAccess</c>, the call through which the role's queries obtain the credentials Lake
    /// Formation vends for a table it governs (Lake Formation DG "Underlying data access control"). The action has
    /// no resource type, so only statements whose resource is <c>*</c> apply to it.
    /// </summary>
    public static RequestShape ForGetDataAccess(BucketCheckOptions roleOptions, string region, string lakeFormationAccount)
    {
        var context = ResourceContext(roleOptions, lakeFormationAccount).With(("aws:RequestedRegion", ContextValue.Of(region)));
        return new RequestShape(
            "lakeformation:GetDataAccess",
            context,
            new FixedResource(new ConcreteResource("*")),
            [NumericDimension.Time(roleOptions.Now)],
            _ => $"lakeformation:GetDataAccess in {region} (Lake Formation's credentials for the tables it governs)");
    }

    /// <summary>
    /// S3's <c>kms:Decrypt</c> for the role's reads of one bucket: through S3 in the key's Region, the caller's
    /// account, and the encryption context S3 sets — the object's ARN, or the bucket's with S3 Bucket Keys.
    /// </summary>
    public static RequestShape ForKey(BucketCheckOptions options, string keyResource, string keyAccount, string keyRegion, bool bucketKey, IReadOnlyList<string> prefixes, string extraObjectChars)
    {
        var role = options.ReadingRole;
        var bucketArn = $"arn:{role.Partition}:s3:::{options.Bucket}";
        ContextValue objectArn = bucketKey
            ? ContextValue.Of(bucketArn)
            : ContextValue.OneOf(
                "which object is read is not known",
                [.. (prefixes.Count == 0 ? [string.Empty] : prefixes).Select(p => (ContextValue)new ShapedValue(ObjectArnShape(bucketArn + "/" + p, extraObjectChars), "the object's key under the table location is not known"))]);
        var context = ResourceContext(options, keyAccount).With(
            ("aws:ViaAWSService", ContextValue.Of("true")),
            ("aws:CalledVia", ContextValue.Of("s3.amazonaws.com")),
            ("aws:CalledViaFirst", ContextValue.Of("s3.amazonaws.com")),
            ("aws:CalledViaLast", ContextValue.Of("s3.amazonaws.com")),
            ("aws:UserAgent", ContextValue.Unknowable("the user agent of S3's call to KMS is not documented", mayBeAbsent: false)),
            ("aws:RequestedRegion", ContextValue.Of(keyRegion)),
            ("aws:SourceIp", ContextValue.Unknowable(KeyNetworkWhy)),
            ("aws:SourceVpce", ContextValue.Unknowable(KeyNetworkWhy)),
            ("aws:SourceVpc", ContextValue.Unknowable(KeyNetworkWhy)),
            ("aws:VpcSourceIp", ContextValue.Unknowable(KeyNetworkWhy)),
            ("kms:ViaService", ContextValue.Of($"s3.{keyRegion}.amazonaws.com")),
            ("kms:CallerAccount", ContextValue.Of(role.AccountId)),
            ("kms:EncryptionContext:aws:s3:arn", objectArn),
            ("kms:EncryptionContextKeys", ContextValue.Of("aws:s3:arn")),
            ("kms:EncryptionAlgorithm", ContextValue.Of("SYMMETRIC_DEFAULT")),
            ("kms:GrantIsForAWSResource", ContextValue.Absent),
            ("kms:GrantOperations", ContextValue.Absent),
            ("kms:GranteePrincipal", ContextValue.Absent),
            ("kms:RetiringPrincipal", ContextValue.Absent),
            ("kms:RequestAlias", ContextValue.Absent),
            ("s3:authType", ContextValue.Absent),
            ("s3:signatureAge", ContextValue.Absent),
            ("s3:prefix", ContextValue.Absent),
            ("s3:x-amz-content-sha256", ContextValue.Absent),
            ("s3:signatureversion", ContextValue.Absent),
            ("s3:TlsVersion", ContextValue.Absent),
            ("s3:ResourceAccount", ContextValue.Absent));
        return new RequestShape(
            "kms:Decrypt",
            context,
            new FixedResource(new ConcreteResource(keyResource)),
            [NumericDimension.Time(options.Now)],
            arn => $"kms:Decrypt on {arn} by S3 for the role's reads of {bucketArn}");
    }

    /// <summary>An object's ARN under a location: printable ASCII, plus every other character the path's policies use, so no pattern is judged against fewer keys than exist.</summary>
    private static ValueShape ObjectArnShape(string location, string extraChars)
    {
        var chars = new string([.. Enumerable.Range(0x20, 0x5F).Select(c => (char)c).Concat(extraChars).Distinct()]);
        return new ValueShape(ShapePart.Literal(location), ShapePart.Run(chars, 1));
    }

    private static RequestContext ResourceContext(BucketCheckOptions options, string account) =>
        SpectrumContext.ForBucket(options with { BucketAccount = account }).With(
            ("aws:ResourceAccount", ContextValue.Of(account)),
            ("s3:ResourceAccount", ContextValue.Absent));
}
