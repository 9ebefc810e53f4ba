using Guardrail.Core.Evaluation;

namespace Guardrail.Testing.Paths;

/// <summary>
/// Turns one of the guardrail's request shapes into a fully concrete request (every key known or absent) so another
/// evaluator can decide it too: unknowable keys get a plausible fixed value, or are left out where AWS may omit them;
/// a key of a documented form (<c>aws:userid</c>) gets a sample of that form. Shared by the bucket-policy and the
/// whole-path differentials.
/// </summary>
public static class Concretizer
{
    public const string SessionName = "RedshiftIamRoleSession";

    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aws:SourceIp"] = "52.95.128.10",
        ["aws:VpcSourceIp"] = "10.0.1.25",
        ["aws:SourceVpc"] = "vpc-0123456789abcdef0",
        ["aws:SourceVpce"] = "vpce-0123456789abcdef0",
        ["aws:userid"] = "AROAEXAMPLEROLEID:" + SessionName,
        ["s3:prefix"] = "data/",
        ["s3:x-amz-content-sha256"] = "UNSIGNED-PAYLOAD",
        ["sts:ExternalId"] = "arn:aws:redshift:us-east-1:123456789012:dbuser:analytics/etl",
        ["sts:RoleSessionName"] = SessionName,
        ["aws:TokenIssueTime"] = "2026-11-27T00:00:00Z",
    };

    public static Dictionary<string, List<string>> Context(RequestContext context, IEnumerable<string> keys)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var value = Pick(key, context.Get(key));
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    public static string Resource(ResourceValue resource) => resource switch
    {
        ConcreteResource concrete => concrete.Arn,
        UnknownResource family => family.ArnFamily.TrimEnd('*') + "guardrail-probe/part-00000.parquet",
        _ => throw new InvalidOperationException(),
    };

    public static RequestPrincipal Principal(RequestPrincipal principal) =>
        principal is RoleSessionPrincipal session ? session with { SessionName = SessionName } : principal;

    private static List<string>? Pick(string key, ContextValue value) => value switch
    {
        KnownValue known => [.. known.Values],
        CandidateValues candidates => Pick(key, candidates.Candidates[0]),
        OpaqueValue opaque when !opaque.MayBeAbsent => [Samples.GetValueOrDefault(key, "example")],
        ShapedValue when Samples.TryGetValue(key, out var sample) => [sample],
        _ => null,
    };
}
