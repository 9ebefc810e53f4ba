using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The deployed policies (identity, resource and key policies of the translated template) evaluated with the
/// guardrail's own evaluator, for concrete requests whose context names every key the policies test.
/// </summary>
internal static class PolicyCheck
{
    public const string Account = "123456789012";

    /// <summary>A policy document as the template gives it: an object, or JSON text (for documents built with Fn::Sub).</summary>
    public static PolicyDocument Parse(JsonNode document, PolicyKind kind) =>
        PolicyParser.Parse(document is JsonValue value && value.TryGetValue<string>(out var text) ? text : document.ToJsonString(), kind);

    /// <summary>Every identity policy of a role: its inline Policies and the AWS::IAM::RolePolicy resources attached to it.</summary>
    public static List<PolicyDocument> RolePolicies(JsonObject resources, string role)
    {
        var inline = resources[role]!["Properties"]!["Policies"]?.AsArray().Select(p => p!["PolicyDocument"]!) ?? [];
        var attached = TemplateTool.OfType(resources, "AWS::IAM::RolePolicy")
            .Where(p => p.Resource["Properties"]!["RoleName"]!.GetValue<string>() == role)
            .Select(p => p.Resource["Properties"]!["PolicyDocument"]!);
        return [.. inline.Concat(attached).Select(d => Parse(d, PolicyKind.Identity))];
    }

    /// <summary>The ARN the template's roles get in the translated template (template_tool.py).</summary>
    public static string RoleArnOf(string logical) => $"arn:aws:iam::{Account}:role/{logical}";

    /// <summary>A request by a session of <paramref name="roleArn"/>; <c>aws:PrincipalArn</c> is set, keys not given are absent.</summary>
    public static AccessRequest ByRole(string roleArn, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        new(action, new ConcreteResource(resource), new RoleSessionPrincipal(RoleArn.Parse(roleArn)), Context([("aws:PrincipalArn", ContextValue.Of(roleArn)), .. context]), action);

    /// <summary>A request by an AWS service principal; keys not given are absent.</summary>
    public static AccessRequest ByService(string service, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        new(action, new ConcreteResource(resource), new ServicePrincipal([service]), Context([("aws:PrincipalServiceName", ContextValue.Of(service)), .. context]), action);

    /// <summary>Identity policies allow a request when one allows it certainly and none may deny it.</summary>
    public static bool IdentityAllows(IEnumerable<PolicyDocument> policies, AccessRequest request)
    {
        var decisions = policies.Select(p => PolicyEvaluator.Evaluate(p, request, GrantSource.PolicyMustAllow)).ToList();
        return decisions.Any(d => d.Allow == Tri.True) && decisions.All(d => d.Deny == Tri.False);
    }

    /// <summary>A resource or key policy that must grant by itself (key policies; cross-account use).</summary>
    public static bool Grants(PolicyDocument policy, AccessRequest request) =>
        PolicyEvaluator.Evaluate(policy, request, GrantSource.PolicyMustAllow).Allowed == Tri.True;

    /// <summary>Whether a resource policy certainly denies the request (same account: its allows are not needed).</summary>
    public static bool Denies(PolicyDocument policy, AccessRequest request)
    {
        var deny = PolicyEvaluator.Evaluate(policy, request, GrantSource.IdentityPolicyMayGrant).Deny;
        Assert.True(deny != Tri.Unknown, $"undecided deny for {request.Action} on {request.Resource}");
        return deny == Tri.True;
    }

    public static (string Key, ContextValue Value) LeadingKeys(params string[] keys) => ("dynamodb:LeadingKeys", ContextValue.Of(keys));

    public static (string Key, ContextValue Value) Tag(string key, string value) => ($"aws:ResourceTag/{key}", ContextValue.Of(value));

    private static RequestContext Context(IEnumerable<(string Key, ContextValue Value)> keys) =>
        new(keys.Select(k => KeyValuePair.Create(k.Key, k.Value)), fallback: ContextValue.Absent);
}
