namespace Guardrail.Deployment.Tests;

/// <summary>The deploy-time baseline: a custom resource that makes CloudFormation run the drift scan on create and update.</summary>
public sealed class BaselineTemplateTests
{
    // Each property of the custom resource and the drift-scan setting it stands for: changing any of them changes
    // what the scan judges, so it must change the resource (CloudFormation then calls it on update).
    private static readonly Dictionary<string, string> PropertyOfSetting = new()
    {
        ["GUARDRAIL_PROTECTED_BUCKETS"] = "ProtectedBuckets",
        ["GUARDRAIL_SPECTRUM_ROLES"] = "SpectrumRoles",
        ["GUARDRAIL_CLUSTER"] = "ClusterKind",
        ["GUARDRAIL_VPCE_IDS"] = "VpceIds",
        ["GUARDRAIL_PREFIXES"] = "Prefixes",
        ["GUARDRAIL_ORG_ID"] = "OrgId",
        ["GUARDRAIL_CLUSTERS"] = "Clusters",
        ["GUARDRAIL_CATALOG_TABLES"] = "CatalogTables",
        ["GUARDRAIL_ACCOUNT_ROLE_NAME"] = "AccountRoleName",
    };

    [Fact]
    public void The_drift_scan_function_backs_one_custom_resource_that_tracks_what_it_judges()
    {
        var resources = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["OrgId"] = "o-abcdefghij", ["Prefixes"] = "sales/", ["Clusters"] = "analytics,serverless:lake", ["CatalogTables"] = "123456789012/sales/orders", ["AccountRoleName"] = "guardrail-reader" });
        var (_, baseline) = Assert.Single(resources.Where(r => r.Value!["Type"]!.GetValue<string>().StartsWith("Custom::", StringComparison.Ordinal)).Select(r => (r.Key, r.Value!.AsObject())));
        var drift = resources["DriftScanFunction"]!["Properties"]!;
        var properties = baseline["Properties"]!;

        Assert.Equal($"arn:aws:lambda:us-east-1:123456789012:function:{drift["FunctionName"]!.GetValue<string>()}", properties["ServiceToken"]!.GetValue<string>());
        Assert.EndsWith("DriftScanFunction::Handle", drift["Handler"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(properties["ServiceTimeout"]!.GetValue<int>() > drift["Timeout"]!.GetValue<int>(), "CloudFormation must wait longer than the function may run");
        var environment = drift["Environment"]!["Variables"]!;
        foreach (var (setting, property) in PropertyOfSetting)
        {
            Assert.Equal(environment[setting]!.ToString(), properties[property]!.ToString());
        }
    }
}
