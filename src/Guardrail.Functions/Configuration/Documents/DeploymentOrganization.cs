namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The organization a central deployment was made for (the template sets <c>GUARDRAIL_ORGANIZATION_ID</c>,
/// <c>GUARDRAIL_MANAGEMENT_ACCOUNT</c> and <c>GUARDRAIL_MEMBER_ROLE_NAME</c>): its event bus admits only that
/// organization and its member stacks create only that role, so a document naming another organization, management
/// account or member role cannot be followed — whoever can write the document must not widen what the deployment trusts.
/// </summary>
/// <param name="Id">GUARDRAIL_ORGANIZATION_ID; null: not set.</param>
/// <param name="ManagementAccount">GUARDRAIL_MANAGEMENT_ACCOUNT; null: not set.</param>
/// <param name="MemberRoleName">GUARDRAIL_MEMBER_ROLE_NAME; null: not set.</param>
public sealed record DeploymentOrganization(string? Id, string? ManagementAccount, string? MemberRoleName)
{
    /// <summary>The three variables.</summary>
    public static DeploymentOrganization From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;
        return new(Get("GUARDRAIL_ORGANIZATION_ID"), Get("GUARDRAIL_MANAGEMENT_ACCOUNT"), Get("GUARDRAIL_MEMBER_ROLE_NAME"));
    }

    /// <summary>Whether the deployment was made for an organization.</summary>
    public bool IsSet => Id is not null;

    /// <summary>Why <paramref name="document"/> cannot be followed by this deployment, one line each naming the element; empty when it can.</summary>
    public IReadOnlyList<string> Problems(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsSet)
        {
            return [];
        }

        if (document.Organization is not { } organization)
        {
            return [$"$.organization: missing: this deployment guards organization {Id}"];
        }

        var problems = new List<string>();
        Compare(problems, "$.organization.id", organization.Id, Id, "the organization this deployment's event bus admits");
        Compare(problems, "$.organization.managementAccount", organization.ManagementAccount, ManagementAccount, "the management account this deployment was made for");
        Compare(problems, "$.organization.memberRoleName", organization.MemberRoleName, MemberRoleName, "the member role the member stacks create and trust this deployment's functions in");
        return problems;
    }

    private static void Compare(List<string> problems, string at, string value, string? expected, string what)
    {
        if (expected is not null && value != expected)
        {
            problems.Add($"{at}: {Core.Text.SafeText.Quote(value)} is not {what} ({expected})");
        }
    }
}
