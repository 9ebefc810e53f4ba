using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;

namespace Guardrail.Aws.Redshift;

/// <summary><see cref="INamespaceReader"/> over JSON 1.1 (target <c>RedshiftServerless.GetNamespace</c>).</summary>
public sealed partial class JsonNamespaceReader : INamespaceReader
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Redshift Serverless.</summary>
    public const string TargetPrefix = "RedshiftServerless";

    private readonly AwsJsonClient client;
    private readonly AwsCallCounter counter;

    public JsonNamespaceReader(AwsJsonClient client, AwsCallCounter counter)
    {
        this.client = client;
        this.counter = counter;
    }

    public async Task<IReadOnlyList<string>> GetAttachedRolesAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, "redshift-serverless:GetNamespace", () =>
            client.CallAsync("GetNamespace", new JsonObject { ["namespaceName"] = namespaceName }, cancellationToken)).ConfigureAwait(false);
        return Read(response);
    }

    /// <summary>
    /// Reads <c>namespace.iamRoles</c>. AWS documents a list of role ARNs, but has also answered with the role's
    /// description as text, <c>IamRole(applyStatus=in-sync, iamRoleArn=arn:...)</c>, fields in either order: both are read.
    /// </summary>
    public static IReadOnlyList<string> Read(JsonObject response)
    {
        if (response["namespace"] is not JsonObject ns)
        {
            throw new AwsCallException("redshift-serverless:GetNamespace", "InvalidResponse", "the answer has no namespace");
        }

        var roles = new List<string>();
        foreach (var entry in ns["iamRoles"] as JsonArray ?? [])
        {
            if (entry is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                continue;
            }

            if (!text.StartsWith("IamRole(", StringComparison.Ordinal))
            {
                roles.Add(text.Trim());
                continue;
            }

            var arn = RoleArnField().Match(text);
            var status = ApplyStatusField().Match(text);
            if (arn.Success && !(status.Success && status.Groups[1].Value == "removing"))
            {
                roles.Add(arn.Groups[1].Value);
            }
        }

        return roles;
    }

    [GeneratedRegex(@"iamRoleArn=([^,\s)]+)")]
    private static partial Regex RoleArnField();

    [GeneratedRegex(@"applyStatus=([^,\s)]+)")]
    private static partial Regex ApplyStatusField();
}
