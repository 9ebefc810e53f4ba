using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>Which organization policies (SCPs or RCPs) cap an account, from the root down.</summary>
internal abstract record OrganizationLevels
{
    private OrganizationLevels()
    {
    }

    /// <summary>Each level's documents as one set: at every level some document must allow and none deny.</summary>
    public sealed record Levels(IReadOnlyList<PolicySet> Sets) : OrganizationLevels;

    /// <summary>They do not apply (the management account; service-linked roles for SCPs).</summary>
    public sealed record NotApplicable : OrganizationLevels;

    /// <summary>The snapshot does not say: the part is unchecked.</summary>
    public sealed record Missing(string What) : OrganizationLevels;

    /// <summary>The SCPs (<paramref name="resource"/> false) or RCPs of <paramref name="account"/>.</summary>
    public static OrganizationLevels For(OrganizationFacts? organization, string account, bool resource)
    {
        var kind = resource ? "RCP" : "SCP";
        var plural = resource ? "resource control policies" : "service control policies";
        if (organization is null)
        {
            return new Missing($"the organization's {plural} (no organization section in the snapshot)");
        }

        if (organization.ManagementAccount == account)
        {
            return new NotApplicable();
        }

        var map = resource ? organization.ResourceControlPolicies : organization.ServiceControlPolicies;
        if (map is null || !map.TryGetValue(account, out var levels))
        {
            return new Missing($"the {plural} that apply to account {account}");
        }

        return new Levels([.. levels.Select((documents, i) => PolicySet.Of(
            $"{kind} level {i + 1} of {levels.Count} for account {account}",
            [.. documents.Select((d, j) => new NamedPolicy(Name(kind, i, levels.Count, j, d, account), d))]))]);
    }

    private static string Name(string kind, int level, int levels, int index, PolicyDocument document, string account) =>
        document.Id is { Length: > 0 } id
            ? $"{kind} {Guardrail.Core.Text.SafeText.Quote(id)} (level {level + 1} of {levels} for account {account})"
            : $"{kind} #{index + 1} at level {level + 1} of {levels} for account {account}";
}
