using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Testing.Paths;

/// <summary>
/// The reading role's requests on a path made concrete, for checks that compare single decisions: every request
/// shape of <see cref="PathRequests.Shapes"/> at a few points of its ranges (now and five years on, so dated
/// statements go both ways; a fresh and an almost expired presigned URL), one object under each table location,
/// the session named <see cref="Concretizer.SessionName"/>, and every context key a document of the snapshot tests
/// set by <see cref="Concretizer"/>. A request carries only global keys and its own service's keys, as AWS sends.
/// </summary>
public static class ConcretePathRequests
{
    /// <summary>The object read under each table location.</summary>
    public const string ObjectName = "part-00000.parquet";

    private const string ObjectContextKey = "kms:EncryptionContext:aws:s3:arn";

    // Keys every request may carry, whether or not a document tests them (another evaluator may read them itself).
    private static readonly string[] CommonKeys =
    [
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID",
        "aws:SecureTransport", "aws:UserAgent", "aws:CurrentTime", "aws:EpochTime", "aws:ResourceAccount", "aws:RequestedRegion",
        "aws:ViaAWSService", "aws:CalledVia", "aws:SourceVpce", "aws:userid",
        "s3:authType", "s3:signatureAge", "s3:prefix",
        "kms:ViaService", "kms:CallerAccount", ObjectContextKey,
    ];

    private static readonly long[] SignatureAges = [60_000, 3_599_000];

    /// <summary>The concrete requests of <paramref name="snapshot"/>'s path at <paramref name="now"/>, without repeats.</summary>
    public static IReadOnlyList<ConcretePathRequest> For(PathSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var keys = CommonKeys.Concat(Documents(snapshot).SelectMany(d => d.Statements).SelectMany(s => s.Conditions).Select(c => c.Key))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var principal = new RoleSessionPrincipal(snapshot.Spectrum.ReadingRole, Concretizer.SessionName);
        var requests = new List<ConcretePathRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shape in PathRequests.Shapes(snapshot, now))
        {
            var resource = shape.Resource switch
            {
                ObjectFamily family => new ConcreteResource(family.FamilyPrefix + ObjectName),
                FixedResource { Value: ConcreteResource concrete } => concrete,
                FixedResource other => new ConcreteResource(Concretizer.Resource(other.Value)),
                _ => throw new InvalidOperationException("unknown resource kind"),
            };
            var service = shape.Action.Split(':')[0] + ":";
            var own = keys.Where(k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || k.StartsWith(service, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var points in Points(shape.Dimensions))
            {
                var shown = Enumerable.Repeat(true, points.Length).ToArray();
                var request = shape.At(points, resource, principal, shown);
                var values = Concretizer.Context(request.Context, own);
                if (own.Contains(ObjectContextKey, StringComparer.OrdinalIgnoreCase) && shape.Action == "kms:Decrypt" && !values.ContainsKey(ObjectContextKey))
                {
                    // Without S3 Bucket Keys the context is the object's ARN: the object the GET reads.
                    values[ObjectContextKey] = [ObjectArn(snapshot, resource.Arn)];
                }

                var identity = $"{shape.Action}|{resource.Arn}|{string.Join(";", values.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase).Select(v => $"{v.Key}={string.Join(",", v.Value)}"))}";
                if (seen.Add(identity))
                {
                    var context = new RequestContext(values.ToDictionary(v => v.Key, v => ContextValue.Of([.. v.Value])), fallback: ContextValue.Absent);
                    requests.Add(new ConcretePathRequest(request with { Context = context }, values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.OrdinalIgnoreCase)));
                }
            }
        }

        return requests;
    }

    /// <summary>Every policy document of the snapshot (trust policies aside: no reader request meets them).</summary>
    public static IEnumerable<PolicyDocument> Documents(PathSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var roles = snapshot.Roles.Values.SelectMany(r => (r.InlinePolicies ?? []).Concat(r.ManagedPolicies ?? []).Select(p => p.Document)
            .Concat(r.PermissionsBoundary?.Value is { } boundary ? [boundary] : []));
        var organization = snapshot.Organization is { } org
            ? (org.ServiceControlPolicies?.Values ?? []).Concat(org.ResourceControlPolicies?.Values ?? []).SelectMany(levels => levels).SelectMany(level => level)
            : [];
        return roles
            .Concat(snapshot.Buckets.Values.Select(b => b.Policy?.Value).OfType<PolicyDocument>())
            .Concat(snapshot.Keys.Values.Select(k => k.Policy).OfType<PolicyDocument>())
            .Concat(snapshot.Catalogs.Values.Select(c => c.ResourcePolicy?.Value).OfType<PolicyDocument>())
            .Concat(organization);
    }

    private static string ObjectArn(PathSnapshot snapshot, string keyArn)
    {
        var table = snapshot.Spectrum.Tables.First(t => snapshot.Buckets.GetValueOrDefault(t.Bucket)?.Encryption?.KmsKeyArn == keyArn);
        return $"arn:{snapshot.Spectrum.ReadingRole.Partition}:s3:::{table.Bucket}/{table.Prefix}{ObjectName}";
    }

    private static IEnumerable<long[]> Points(IReadOnlyList<NumericDimension> dimensions)
    {
        IEnumerable<long[]> product = [[]];
        foreach (var dimension in dimensions)
        {
            var points = dimension.Kind == DimensionKind.Time
                ? new[] { dimension.Min, Math.Min(dimension.Max, dimension.Min + (5 * 365 * 86_400)) }
                : SignatureAges.Where(a => a >= dimension.Min && a <= dimension.Max).ToArray();
            product = [.. product.SelectMany(p => points.Select(x => (long[])[.. p, x]))];
        }

        return product;
    }
}

/// <summary>A concrete request of the path, and its context keys as plain values (what another evaluator is given).</summary>
/// <param name="Request">The request, every key known or absent.</param>
/// <param name="Context">The keys it carries, with their values.</param>
public sealed record ConcretePathRequest(AccessRequest Request, IReadOnlyDictionary<string, IReadOnlyList<string>> Context);
