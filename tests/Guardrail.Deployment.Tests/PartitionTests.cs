namespace Guardrail.Deployment.Tests;

/// <summary>Every ARN the templates build follows the stack's partition: deployed in aws-cn, none says arn:aws:.</summary>
public sealed class PartitionTests
{
    private const string China = "arn:aws-cn:iam::123456789012:role";

    public static TheoryData<string, Dictionary<string, string>> Stacks() => new()
    {
        { "template.yaml", Guardrail(new() { ["OrgId"] = "o-abcdefghij" }) },
        { "template.yaml", Guardrail(new() { ["MemberAccountIds"] = "444455556666", ["ProtectedTagKey"] = "guardrail" }) },
        { "template.yaml", Guardrail(new() { ["ProtectedBuckets"] = "*", ["AlertsKmsKeyId"] = "alias/guardrail", ["OrganizationsEventAccounts"] = "999999999999" }) },
        { "infra/cloudtrail.yaml", new() { ["ProtectedBuckets"] = "lake-a,lake-b,lake-c" } },
        { "infra/iam-events-forwarder.yaml", new() { ["GuardrailRegion"] = "cn-northwest-1", ["ForwardIam"] = "true", ["ForwardOrganizations"] = "true" } },
        { "infra/spectrum-example.yaml", new() { ["BucketName"] = "lake-a" } },
        { "template.yaml", Guardrail(new() { ["OrganizationId"] = "o-abcdefghij", ["ManagementAccountId"] = "999999999999", ["ConfigLocation"] = "s3://guardrail-config/config.json" }) },
        { "template.yaml", Guardrail(new() { ["OrganizationId"] = "o-abcdefghij", ["ManagementAccountId"] = "999999999999", ["ConfigLocation"] = "ssm:/guardrail/config" }) },
        {
            "infra/member.yaml", new()
            {
                ["CentralEventBusArn"] = "arn:aws-cn:events:cn-north-1:123456789012:event-bus/spectrum-guardrail-organization",
                ["CentralRoleArns"] = $"{China}/AccessPathFunctionRole,{China}/DriftScanFunctionRole",
                ["OrganizationId"] = "o-abcdefghij",
                ["ManagementAccountId"] = "123456789012",
                ["HomeRegion"] = "cn-north-1",
                ["RollbackKinds"] = "true",
            }
        },
    };

    private static Dictionary<string, string> Guardrail(Dictionary<string, string> more)
    {
        var parameters = new Dictionary<string, string>
        {
            ["ProtectedBuckets"] = "lake-a,lake-b,lake-c",
            ["SpectrumRoles"] = $"{China}/redshift;{China}/hop,{China}/reader",
            ["Rollback"] = "true",
            ["AccountRoleName"] = "guardrail-reader",
            ["BreakGlassRoles"] = $"{China}/break-glass",
        };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void No_resource_names_the_aws_partition_when_deployed_in_another(string template, Dictionary<string, string> parameters)
    {
        // The forwarder must run in us-east-1 (its Rules refuse anything else), so it keeps that Region here.
        var region = template.Contains("forwarder", StringComparison.Ordinal) ? "us-east-1" : "cn-north-1";
        var resources = TemplateTool.Resources(template, new(parameters) { ["AWS::Partition"] = "aws-cn", ["AWS::Region"] = region });

        var text = resources.ToJsonString();
        Assert.True(resources.Count > 0, template);
        Assert.DoesNotContain("arn:aws:", text, StringComparison.Ordinal);
        Assert.Contains("arn:aws-cn:", text, StringComparison.Ordinal);
    }
}
