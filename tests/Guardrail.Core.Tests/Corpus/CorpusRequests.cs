using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Tests.Corpus;

/// <summary>Turns a corpus "request" object into a concrete <see cref="AccessRequest"/>: keys it does not list are absent.</summary>
internal static class CorpusRequests
{
    public const string DefaultRole = "arn:aws:iam::123456789012:role/redshift";
    public const string DefaultBucket = "amzn-s3-demo-bucket";

    public static AccessRequest ToRequest(JsonObject json)
    {
        var principalText = json["principal"]?.GetValue<string>() ?? DefaultRole;
        RequestPrincipal principal = principalText.StartsWith("service:", StringComparison.Ordinal)
            ? new ServicePrincipal([principalText["service:".Length..]])
            : new RoleSessionPrincipal(RoleArn.Parse(principalText));
        var context = new Dictionary<string, ContextValue>();
        if (json["context"] is JsonObject keys)
        {
            foreach (var (key, value) in keys)
            {
                context[key] = value switch
                {
                    null => ContextValue.Absent,
                    JsonArray array => ContextValue.Of([.. array.Select(v => Scalar(v!))]),
                    _ => ContextValue.Of(Scalar(value)),
                };
            }
        }

        var action = json["action"]!.GetValue<string>();
        var resource = json["resource"]?.GetValue<string>() ?? $"arn:aws:s3:::{DefaultBucket}/data/file.parquet";
        return new AccessRequest(action, new ConcreteResource(resource), principal, new RequestContext(context, fallback: ContextValue.Absent), $"{action} on {resource}");
    }

    /// <summary>allow: an Allow applies and no Deny; deny: a Deny applies; implicit: nothing applies.</summary>
    public static string DecisionText(RequestDecision decision) =>
        decision.Deny == Tri.True ? "deny"
        : decision.Deny == Tri.False && decision.Allow == Tri.True ? "allow"
        : decision.Deny == Tri.False && decision.Allow == Tri.False ? "implicit"
        : "unknown";

    private static string Scalar(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
