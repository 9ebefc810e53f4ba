using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>The parameters of an organization-mode deployment: the central stack (template.yaml) and the member stack (infra/member.yaml).</summary>
internal static class OrgSetup
{
    public const string Member = "infra/member.yaml";
    public const string OrgId = "o-abcdefghij";
    public const string OtherOrgId = "o-zzzzzzzzzz";
    public const string Central = PolicyCheck.Account;
    public const string ManagementAccount = "999999999999";
    public const string MemberAccount = "111122223333";
    public const string CentralRegion = "eu-west-1";
    public const string MemberRoleName = "SpectrumGuardrailMember";
    public const string ConfigObject = "s3://guardrail-config-123456789012/spectrum/config.json";
    public const string CentralBus = $"arn:aws:events:{CentralRegion}:{Central}:event-bus/spectrum-guardrail-organization";

    /// <summary>The functions' roles the member role trusts (the central stack's MemberTrustedRoleArns output).</summary>
    public static readonly string[] CentralRoles =
        [.. new[] { "BucketPolicyFunctionRole", "TrustPolicyFunctionRole", "AccessPathFunctionRole", "DriftScanFunctionRole", "PathScanWorkerFunctionRole" }.Select(PolicyCheck.RoleArnOf)];

    public static Dictionary<string, string> CentralParameters(string config = ConfigObject, string rollback = "true") => new(TemplateTool.DefaultParameters)
    {
        ["OrganizationId"] = OrgId,
        ["ManagementAccountId"] = ManagementAccount,
        ["ConfigLocation"] = config,
        ["Rollback"] = rollback,
        ["AWS::Region"] = CentralRegion,
    };

    public static JsonObject CentralResources(string config = ConfigObject, string rollback = "true") => TemplateTool.Resources(parameters: CentralParameters(config, rollback));

    public static Dictionary<string, string> MemberParameters(string region = "us-east-1", string account = MemberAccount, string rollback = "false") => new()
    {
        ["CentralEventBusArn"] = CentralBus,
        ["CentralRoleArns"] = string.Join(",", CentralRoles),
        ["OrganizationId"] = OrgId,
        ["ManagementAccountId"] = ManagementAccount,
        ["RollbackKinds"] = rollback,
        ["AWS::Region"] = region,
        ["AWS::AccountId"] = account,
    };

    public static JsonObject MemberResources(string region = "us-east-1", string account = MemberAccount, string rollback = "false") =>
        TemplateTool.Resources(Member, MemberParameters(region, account, rollback));

    /// <summary>A resource policy given as one statement (AWS::Events::EventBusPolicy's Statement) as a document.</summary>
    public static PolicyDocument StatementAsPolicy(JsonNode statement) =>
        PolicyParser.Parse(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement.DeepClone()) }.ToJsonString(), PolicyKind.Bucket);

    public static RequestContext Context(params (string Key, string Value)[] keys) =>
        new(keys.ToDictionary(k => k.Key, k => ContextValue.Of(k.Value)), fallback: ContextValue.Absent);

    /// <summary>The EventBridge rules' patterns of a translated template: (source, event name) pairs.</summary>
    public static List<(string Source, string Name)> Forwarded(JsonObject resources) => [.. TemplateTool.OfType(resources, "AWS::Events::Rule")
        .Select(r => r.Resource["Properties"]!["EventPattern"])
        .Where(p => p?["detail"]?["errorCode"] is JsonArray codes && codes[0]?["exists"]?.GetValue<bool>() == false)
        .SelectMany(p => p!["source"]!.AsArray().SelectMany(s => p["detail"]!["eventName"]!.AsArray().Select(n => (s!.GetValue<string>(), n!.GetValue<string>()))))
        .Distinct().Order()];
}
