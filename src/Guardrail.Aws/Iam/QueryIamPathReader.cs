using System.Xml.Linq;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Iam;

/// <summary><see cref="IIamPathReader"/> over the Query protocol (API version 2010-05-08).</summary>
public sealed class QueryIamPathReader : IIamPathReader
{
    private readonly AwsQueryClient client;
    private readonly AwsCallCounter counter;

    public QueryIamPathReader(AwsQueryClient client, AwsCallCounter counter)
    {
        this.client = client;
        this.counter = counter;
    }

    public async Task<RoleDetails> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var role = Element(await CallAsync("GetRole", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false), "Role")
            ?? throw Invalid("GetRole", "Role");
        var arn = Element(role, "Arn")?.Value ?? throw Invalid("GetRole", "Arn");
        var trust = Element(role, "AssumeRolePolicyDocument")?.Value ?? throw Invalid("GetRole", "AssumeRolePolicyDocument");
        var boundary = AwsQueryClient.Child(Element(role, "PermissionsBoundary"), "PermissionsBoundaryArn");
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in Element(role, "Tags")?.Elements() ?? [])
        {
            tags[Element(tag, "Key")?.Value ?? string.Empty] = Element(tag, "Value")?.Value ?? string.Empty;
        }

        return new RoleDetails(arn, Decode(trust), string.IsNullOrEmpty(boundary) ? null : boundary, tags);
    }

    public Task<IReadOnlyList<string>> ListInlinePolicyNamesAsync(string roleName, CancellationToken cancellationToken) =>
        ListAsync("ListRolePolicies", roleName, "PolicyNames", member => member.Value, cancellationToken);

    public async Task<string> GetInlinePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken).ConfigureAwait(false);
        return Decode(Required(response, "PolicyDocument", "GetRolePolicy"));
    }

    public Task<IReadOnlyList<string>> ListAttachedPolicyArnsAsync(string roleName, CancellationToken cancellationToken) =>
        ListAsync("ListAttachedRolePolicies", roleName, "AttachedPolicies", member => Element(member, "PolicyArn")?.Value ?? string.Empty, cancellationToken);

    public async Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken cancellationToken)
    {
        var policy = await CallAsync("GetPolicy", [new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        var version = Required(policy, "DefaultVersionId", "GetPolicy");
        var document = await CallAsync("GetPolicyVersion", [new("PolicyArn", policyArn), new("VersionId", version)], cancellationToken).ConfigureAwait(false);
        return Decode(Required(document, "Document", "GetPolicyVersion"));
    }

    /// <summary>IAM returns policy documents URL-encoded (RFC 3986).</summary>
    public static string Decode(string encoded) => Uri.UnescapeDataString(encoded);

    private async Task<IReadOnlyList<string>> ListAsync(string action, string roleName, string listName, Func<XElement, string> read, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        string? marker = null;
        do
        {
            List<KeyValuePair<string, string>> parameters = [new("RoleName", roleName)];
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }

            var response = await CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
            items.AddRange((Element(response, listName)?.Elements() ?? []).Select(read));
            marker = AwsQueryClient.Child(response, "IsTruncated") == "true" ? AwsQueryClient.Child(response, "Marker") : null;
        }
        while (marker is not null);

        return items;
    }

    private Task<XDocument> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, $"iam:{action}", () => client.CallAsync(action, parameters, cancellationToken));

    private static string Required(XContainer response, string name, string action) =>
        AwsQueryClient.Child(response, name) ?? throw Invalid(action, name);

    private static AwsCallException Invalid(string action, string name) => new($"iam:{action}", "InvalidResponse", $"the answer has no {name}");

    private static XElement? Element(XContainer? parent, string localName) =>
        parent?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);
}
