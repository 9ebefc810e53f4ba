using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// Organization mode: which configured paths an event from a member account may concern, by the account and Region
/// it came from. IAM and Organizations are global (their events come from us-east-1, whatever the path's Region), and
/// Organizations' come from the management account, whose policies govern every path. Selecting only decides what is
/// read: whatever is judged is read live with the configured owner account's member role, never taken from the event.
/// </summary>
public static class EventScope
{
    private const string Iam = "iam.amazonaws.com";
    private const string Organizations = "organizations.amazonaws.com";

    /// <summary>Whether an event of <paramref name="change"/>'s account and Region may concern <paramref name="target"/>.</summary>
    public static bool Selects(PathTarget target, PolicyChangeEvent change, OrganizationSettings organization)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(organization);
        return change.EventSource switch
        {
            Organizations => change.Account == organization.ManagementAccount,
            Iam => target.Accounts.Contains(change.Account),
            _ => target.Accounts.Contains(change.Account) && target.Region == change.Region,
        };
    }

    /// <summary>Why no configured path is in the event's scope (for the log and the result).</summary>
    public static string NoPath(PolicyChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.EventSource == Organizations
            ? $"{change.EventName} came from account {change.Account}, not the organization's management account"
            : $"no configured path has a document in account {change.Account}" + (change.EventSource == Iam ? string.Empty : $" in {change.Region}");
    }
}
