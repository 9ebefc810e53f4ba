using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;

namespace Guardrail.Aws.Organizations;

/// <summary><see cref="IOrganizationReader"/> over JSON 1.1 (target prefix <c>AWSOrganizationsV20161128</c>, signed for us-east-1).</summary>
public sealed class JsonOrganizationReader : IOrganizationReader
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Organizations.</summary>
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    private readonly AwsJsonClient client;
    private readonly AwsCallCounter counter;

    public JsonOrganizationReader(AwsJsonClient client, AwsCallCounter counter)
    {
        this.client = client;
        this.counter = counter;
    }

    public async Task<OrganizationDescription> DescribeOrganizationAsync(CancellationToken cancellationToken)
    {
        var organization = (await CallAsync("DescribeOrganization", [], cancellationToken).ConfigureAwait(false))["Organization"] as JsonObject;
        return new OrganizationDescription(Text(organization, "Id", "DescribeOrganization"), Text(organization, "MasterAccountId", "DescribeOrganization"));
    }

    public async Task<OrganizationRoot> GetRootAsync(CancellationToken cancellationToken)
    {
        // An organization has exactly one root.
        var roots = (await CallAsync("ListRoots", [], cancellationToken).ConfigureAwait(false))["Roots"] as JsonArray;
        var root = roots?.FirstOrDefault() as JsonObject;
        var enabled = (root?["PolicyTypes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(type => type["Status"]?.GetValue<string>() == "ENABLED")
            .Select(type => type["Type"]?.GetValue<string>())
            .OfType<string>()
            .ToList();
        return new OrganizationRoot(Text(root, "Id", "ListRoots"), enabled);
    }

    public async Task<string> GetParentAsync(string childId, CancellationToken cancellationToken)
    {
        // Every account and OU has exactly one parent.
        var parents = (await CallAsync("ListParents", new JsonObject { ["ChildId"] = childId }, cancellationToken).ConfigureAwait(false))["Parents"] as JsonArray;
        return Text(parents?.FirstOrDefault() as JsonObject, "Id", "ListParents");
    }

    public async Task<IReadOnlyList<string>> ListPolicyIdsAsync(string targetId, string policyType, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? next = null;
        do
        {
            var request = new JsonObject { ["TargetId"] = targetId, ["Filter"] = policyType };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var page = await CallAsync("ListPoliciesForTarget", request, cancellationToken).ConfigureAwait(false);
            ids.AddRange((page["Policies"] as JsonArray ?? []).OfType<JsonObject>().Select(p => Text(p, "Id", "ListPoliciesForTarget")));
            next = page["NextToken"] is JsonValue token && token.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        }
        while (next is not null);

        return ids;
    }

    public async Task<string> GetPolicyContentAsync(string policyId, CancellationToken cancellationToken)
    {
        var policy = (await CallAsync("DescribePolicy", new JsonObject { ["PolicyId"] = policyId }, cancellationToken).ConfigureAwait(false))["Policy"] as JsonObject;
        return Text(policy, "Content", "DescribePolicy");
    }

    private Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, $"organizations:{operation}", () => client.CallAsync(operation, body, cancellationToken));

    private static string Text(JsonObject? parent, string name, string operation) =>
        parent?[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new AwsCallException($"organizations:{operation}", "InvalidResponse", $"the answer has no {name}");
}
