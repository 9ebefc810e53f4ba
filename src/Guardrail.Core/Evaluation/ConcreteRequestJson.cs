using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Core.Evaluation;

/// <summary>
/// A concrete request as JSON, the form test cases and the differential check exchange:
/// <c>{"action", "resource", "principal", "context": {key: value | [values] | null}}</c>. A principal is a role ARN,
/// a role session ARN, or <c>service:NAME</c>; context keys that are not listed are absent.
/// </summary>
public static class ConcreteRequestJson
{
    /// <summary>Reads a request object; <paramref name="defaultPrincipal"/> and <paramref name="defaultResource"/> fill omitted fields.</summary>
    public static AccessRequest Read(JsonObject json, string defaultPrincipal, string defaultResource)
    {
        ArgumentNullException.ThrowIfNull(json);
        var action = json["action"]?.GetValue<string>() ?? throw new ArgumentException("a request needs an \"action\"");
        var resource = json["resource"]?.GetValue<string>() ?? defaultResource;
        var principal = ReadPrincipal(json["principal"]?.GetValue<string>() ?? defaultPrincipal);
        var context = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
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

        return new AccessRequest(action, new ConcreteResource(resource), principal, new RequestContext(context, fallback: ContextValue.Absent), $"{action} on {resource}");
    }

    /// <summary>A principal from its text form.</summary>
    public static RequestPrincipal ReadPrincipal(string text)
    {
        if (text.StartsWith("service:", StringComparison.Ordinal))
        {
            return new ServicePrincipal([text["service:".Length..]]);
        }

        var session = System.Text.RegularExpressions.Regex.Match(text, @"^arn:(?<p>[^:]+):sts::(?<a>\d{12}):assumed-role/(?<r>[^/]+)/(?<s>.+)$");
        return session.Success
            ? new RoleSessionPrincipal(RoleArn.Parse($"arn:{session.Groups["p"].Value}:iam::{session.Groups["a"].Value}:role/{session.Groups["r"].Value}"), session.Groups["s"].Value)
            : new RoleSessionPrincipal(RoleArn.Parse(text));
    }

    /// <summary>The decision as text: <c>allow</c>, <c>deny</c> (explicit), <c>implicit</c> (nothing applies) or <c>unknown</c>.</summary>
    public static string DecisionText(RequestDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Deny == Tri.True)
        {
            return "deny";
        }

        if (decision.Deny == Tri.False)
        {
            return decision.Allowed == Tri.True ? "allow" : decision.Allowed == Tri.False ? "implicit" : "unknown";
        }

        return "unknown";
    }

    private static string Scalar(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
