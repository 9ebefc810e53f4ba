using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.Redshift;

/// <summary><see cref="IWorkgroupReader"/> over JSON 1.1 (target <c>RedshiftServerless.GetWorkgroup</c>).</summary>
public sealed class JsonWorkgroupReader(AwsJsonClient client, AwsCallCounter counter) : IWorkgroupReader
{
    private const string Call = "redshift-serverless:GetWorkgroup";

    public async Task<WorkgroupDescription> GetWorkgroupAsync(string workgroupName, CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, Call, () =>
            client.CallAsync("GetWorkgroup", new JsonObject { ["workgroupName"] = workgroupName }, cancellationToken)).ConfigureAwait(false);
        return Read(response);
    }

    /// <summary>Reads the <c>workgroup</c> of a <c>GetWorkgroup</c> answer.</summary>
    public static WorkgroupDescription Read(JsonObject response)
    {
        var workgroup = JsonFields.Object(response, "workgroup") ?? throw Invalid("workgroup");
        return new WorkgroupDescription(
            JsonFields.Text(workgroup, "workgroupName") ?? throw Invalid("workgroupName"),
            JsonFields.Text(workgroup, "namespaceName") ?? throw Invalid("namespaceName"),
            JsonFields.Flag(workgroup, "enhancedVpcRouting") ?? throw Invalid("enhancedVpcRouting"),
            JsonFields.Texts(workgroup, "subnetIds") ?? throw Invalid("subnetIds"));
    }

    private static AwsCallException Invalid(string name) => new(Call, "InvalidResponse", $"the answer has no {name}");
}
