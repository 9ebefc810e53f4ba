using CsCheck;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// Generators of bucket policies built from the pieces that matter to Spectrum (its role, its account, VPC
/// endpoints, presigned URLs, signature ages, table locations, organizations, addresses) plus noise.
/// </summary>
internal static class PolicyGenerators
{
    public const string Bucket = "amzn-s3-demo-bucket";
    public const string BucketArn = "arn:aws:s3:::" + Bucket;
    public static readonly RoleArn Role = RoleArn.Parse("arn:aws:iam::123456789012:role/redshift");

    private static readonly Gen<string> Keys = Gen.OneOf(
        "aws:SourceVpce", "aws:SourceVpc", "s3:authType", "aws:UserAgent", "aws:PrincipalOrgID", "aws:PrincipalArn",
        "aws:PrincipalAccount", "aws:SecureTransport", "aws:MultiFactorAuthPresent", "aws:SourceIp", "s3:prefix", "aws:PrincipalTag/team");

    private static readonly Gen<ConditionClause> StringClause =
        Gen.Select(
            Gen.OneOf("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIfExists", "StringNotEqualsIfExists", "ForAnyValue:StringEquals", "ForAllValues:StringNotEquals"),
            Keys,
            Gen.OneOf("vpce-0a1b2c3d4e5f60718", "REST-QUERY-STRING", "REST-HEADER", "AWS Redshift/Spectrum", "o-abcdef1234", Role.Arn, "123456789012", "true", "sales/*", "*"),
            (op, key, value) => Clause(op, key, value));

    private static readonly Gen<ConditionClause> NumericClause =
        Gen.Select(
            Gen.OneOf("NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals", "NumericGreaterThanIfExists"),
            Gen.Long[0, 4_000_000],
            (op, value) => Clause(op, "s3:signatureAge", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<ConditionClause> OtherClause = Gen.OneOf(
        Clause("Bool", "aws:SecureTransport", "false"),
        Clause("BoolIfExists", "aws:MultiFactorAuthPresent", "false"),
        Clause("Null", "aws:SourceVpce", "true"),
        Clause("Null", "aws:SourceVpce", "false"),
        Clause("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"),
        Clause("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
        Clause("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/red*"),
        Clause("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/etl"),
        Clause("DateGreaterThan", "aws:CurrentTime", "2027-01-01T00:00:00Z"),
        Clause("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"));

    private static readonly Gen<ConditionClause> AnyClause = Gen.Frequency((3, StringClause), (2, NumericClause), (2, OtherClause));

    private static readonly Gen<PrincipalBlock> Principals = Gen.OneOf(
        new PrincipalBlock(false, PrincipalSpec.Everyone),
        new PrincipalBlock(false, Spec("AWS", "*")),
        new PrincipalBlock(false, Spec("AWS", Role.Arn)),
        new PrincipalBlock(false, Spec("AWS", "123456789012")),
        new PrincipalBlock(false, Spec("AWS", "arn:aws:iam::111122223333:root")),
        new PrincipalBlock(false, Spec("AWS", "arn:aws:iam::123456789012:role/etl")));

    private static readonly Gen<PrincipalBlock> DenyOnlyPrincipals = Gen.OneOf(
        new PrincipalBlock(true, Spec("AWS", Role.Arn)),
        new PrincipalBlock(true, Spec("AWS", "arn:aws:iam::111122223333:root")));

    private static readonly Gen<ActionBlock> Actions = Gen.OneOf(
        new ActionBlock(false, ["s3:GetObject"]),
        new ActionBlock(false, ["s3:ListBucket"]),
        new ActionBlock(false, ["s3:GetObject", "s3:List*"]),
        new ActionBlock(false, ["s3:*"]),
        new ActionBlock(false, ["s3:PutObject"]),
        new ActionBlock(true, ["s3:PutObject", "s3:DeleteObject"]),
        new ActionBlock(false, ["*"]));

    private static readonly Gen<ResourceBlock> Resources = Gen.OneOf(
        new ResourceBlock(false, [BucketArn, BucketArn + "/*"]),
        new ResourceBlock(false, [BucketArn + "/*"]),
        new ResourceBlock(false, [BucketArn]),
        new ResourceBlock(false, [BucketArn + "/sales/*"]),
        new ResourceBlock(false, [BucketArn + "/sales/2024/*"]),
        new ResourceBlock(false, [BucketArn + "/secret/*"]),
        new ResourceBlock(false, ["*"]),
        new ResourceBlock(true, [BucketArn + "/sales/*"]),
        new ResourceBlock(false, [BucketArn + "/${aws:PrincipalAccount}/*"]));

    /// <summary>A statement with the given effect (Deny statements may use NotPrincipal).</summary>
    public static Gen<Statement> StatementOf(Effect effect) =>
        Gen.Select(
            effect == Effect.Deny ? Gen.Frequency((5, Principals), (1, DenyOnlyPrincipals)) : Principals,
            Actions,
            Resources,
            AnyClause.List[0, 3],
            Gen.Int[0, 3],
            (principal, action, resource, clauses, sid) => new Statement(0, sid == 0 ? null : $"S{sid}", effect, principal, action, resource, DistinctKeys(clauses)));

    public static readonly Gen<Statement> AnyStatement = Gen.Bool.SelectMany(b => StatementOf(b ? Effect.Allow : Effect.Deny));

    public static readonly Gen<PolicyDocument> Policies =
        Gen.Select(AnyStatement.List[1, 6], Gen.OneOf<string?>("2012-10-17", "2008-10-17", null), (statements, version) => Document(version, statements));

    public static readonly Gen<BucketCheckOptions> Options =
        Gen.Select(
            Gen.OneOf<string?>(null, "111122223333"),
            Gen.OneOf(ClusterKind.Provisioned, ClusterKind.Serverless),
            Gen.OneOf<string[]>([], ["vpce-0a1b2c3d4e5f60718"]),
            Gen.OneOf<string[]>([], ["sales/"], ["sales/", "hr/"]),
            Gen.OneOf<string?>(null, "o-abcdef1234", "o-zzzzzz9999"),
            (account, cluster, vpces, prefixes, org) => new BucketCheckOptions(
                Bucket, [Role], account, cluster, vpces, prefixes, org, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)));

    /// <summary>A document whose statements are re-indexed in order.</summary>
    public static PolicyDocument Document(string? version, IEnumerable<Statement> statements) =>
        new(version, null, [.. statements.Select((s, i) => s with { Index = i })], string.Empty);

    private static ConditionClause Clause(string op, string key, string value)
    {
        if (!Parsing.ConditionOperatorParser.TryParse(op, out var parsed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return new ConditionClause(parsed!, key, [value]);
    }

    private static PrincipalSpec Spec(string type, string value) => new(false, [new PrincipalEntry(type, value)]);

    // A Condition block holds each operator/key pair once.
    private static List<ConditionClause> DistinctKeys(IEnumerable<ConditionClause> clauses) =>
        [.. clauses.DistinctBy(c => (c.Operator.Name, c.Key.ToUpperInvariant()))];
}
