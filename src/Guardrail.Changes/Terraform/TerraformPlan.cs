namespace Guardrail.Changes.Terraform;

/// <summary>
/// A read plan: its resource changes, its configuration and the context it deploys with. Mappers look across it to
/// name what one resource refers to (a role's ARN from its name, a created policy's placeholder ARN, an SCP's attachments).
/// </summary>
internal sealed class TerraformPlan
{
    // Indexes made once, so that joining entries stays linear in the plan's size (a plan may have 20,000 entries).
    private readonly Lazy<ILookup<string, ResourceChangeEntry>> byConfigAddress;
    private readonly Lazy<Dictionary<string, ResourceChangeEntry>> rolesByName;
    private readonly Lazy<Dictionary<string, ResourceChangeEntry>> organizationPoliciesById;
    private readonly Lazy<ILookup<ResourceChangeEntry, string>> unchangedAttachments;

    public TerraformPlan(IReadOnlyList<ResourceChangeEntry> entries, PlanConfiguration configuration, ChangeContext context)
    {
        Entries = entries;
        Configuration = configuration;
        Context = context;
        byConfigAddress = new(() => entries.ToLookup(e => e.ModuleAddress + " " + e.Type + "." + e.Name, StringComparer.Ordinal));
        rolesByName = new(() => FirstBy(entries, "aws_iam_role", "name"));
        organizationPoliciesById = new(() => FirstBy(entries, "aws_organizations_policy", "id"));
        unchangedAttachments = new(() => entries
            .Where(e => e.Type == "aws_organizations_policy_attachment" && e.Action == PlanAction.NoOp)
            .Select(e => (Policy: Resources.OrganizationPolicies.PolicyOf(e, this, before: true), Target: e.Before("target_id").NonEmptyString()))
            .Where(p => p.Policy is not null && p.Target is not null)
            .ToLookup(p => p.Policy!, p => p.Target!));
    }

    public IReadOnlyList<ResourceChangeEntry> Entries { get; }

    public PlanConfiguration Configuration { get; }

    public ChangeContext Context { get; }

    /// <summary>The ARN of the role named <paramref name="name"/> (the <c>role</c> argument of a role policy or attachment).</summary>
    public Resolution RoleArn(PlanValue name)
    {
        var resolved = PlanValues.Identity(name);
        if (resolved.Value is not { } roleName)
        {
            return resolved;
        }

        // A role the plan manages: its ARN, or its path (roles may have one) and the account.
        if (rolesByName.Value.TryGetValue(roleName, out var role))
        {
            var arn = IamRoleArn(role);
            return arn.Value is not null ? arn : Resolution.Unknown(name.Path, $"the ARN of {role.Address} is unknown ({arn.Property}: {arn.Reason})");
        }

        // Otherwise IAM's default path.
        return Context.Account is { } account
            ? Resolution.Of($"arn:{Context.Partition}:iam::{account}:role/{roleName}")
            : Resolution.Unknown(name.Path, "a role named in the plan, whose ARN needs the account (--account)");
    }

    /// <summary>An <c>aws_iam_role</c>'s ARN: <c>arn</c> when known, else from its name, path and the account.</summary>
    public Resolution IamRoleArn(ResourceChangeEntry role)
    {
        if (role.Action == PlanAction.Delete)
        {
            return PlanValues.Identity(role.Before("arn"));
        }

        var arn = role.After("arn");
        if (arn.IsKnown && arn.NonEmptyString() is { } known)
        {
            return Resolution.Of(known);
        }

        var name = PlanValues.Identity(role.After("name"));
        var path = role.After("path");
        if (name.Value is null)
        {
            return name;
        }

        if (path.IsUnknown)
        {
            return Resolution.Unknown(path.Path, PlanValues.AfterApply);
        }

        return Context.Account is { } account
            ? Resolution.Of($"arn:{Context.Partition}:iam::{account}:role{path.NonEmptyString() ?? "/"}{name.Value}")
            : Resolution.Unknown(arn.Path, "known only after apply, and the account to make it from is not given (--account)");
    }

    /// <summary>The one resource of <paramref name="type"/> the entry's <paramref name="argument"/> refers to in the configuration (same module, same instance when several).</summary>
    public ResourceChangeEntry? Referenced(ResourceChangeEntry entry, string type, params object[] argument)
    {
        foreach (var reference in Configuration.References(entry, argument))
        {
            if (!reference.StartsWith(type + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var candidates = byConfigAddress.Value[entry.ModuleAddress + " " + reference].ToList();
            if (candidates.Count > 1)
            {
                candidates = [.. candidates.Where(e => e.InstanceKey == entry.InstanceKey)];
            }

            if (candidates.Count == 1)
            {
                return candidates[0];
            }
        }

        return null;
    }

    /// <summary>A placeholder ARN for a resource the plan creates (its ARN is known only after apply), the same wherever it is named.</summary>
    public string Placeholder(string service, string resource) =>
        $"arn:{Context.Partition}:{service}:{(service == "iam" ? string.Empty : Context.Region ?? "REGION")}:{Context.Account ?? "ACCOUNT"}:{resource}";

    /// <summary>A created <c>aws_iam_policy</c>'s ARN: known, or a placeholder from its path and name (its address when the name is unknown).</summary>
    public string ManagedPolicyArn(ResourceChangeEntry policy)
    {
        var arn = policy.Action == PlanAction.Delete ? policy.Before("arn") : policy.After("arn");
        if (arn.IsKnown && arn.NonEmptyString() is { } known)
        {
            return known;
        }

        var name = policy.After("name");
        var path = policy.After("path");
        return name.IsKnown && !path.IsUnknown && name.NonEmptyString() is { } n
            ? Placeholder("iam", $"policy{path.NonEmptyString() ?? "/"}{n}")
            : Placeholder("iam", "policy/" + policy.Address);
    }

    /// <summary>A created <c>aws_kms_key</c>'s ARN: known, or a placeholder from its address.</summary>
    public string KeyArn(ResourceChangeEntry key)
    {
        var arn = key.Action == PlanAction.Delete ? key.Before("arn") : key.After("arn");
        return arn.IsKnown && arn.NonEmptyString() is { } known ? known : Placeholder("kms", "key/" + key.Address);
    }

    /// <summary>The targets of the plan's unchanged attachments of an organization policy.</summary>
    public IReadOnlyList<string> UnchangedAttachments(ResourceChangeEntry policy) => [.. unchangedAttachments.Value[policy]];

    /// <summary>The <c>aws_organizations_policy</c> whose <c>id</c> is <paramref name="id"/>, when the plan has it.</summary>
    public ResourceChangeEntry? OrganizationPolicy(string id) => organizationPoliciesById.Value.GetValueOrDefault(id);

    /// <summary>The first entry of <paramref name="type"/> by a known string attribute (the prior one for a delete).</summary>
    private static Dictionary<string, ResourceChangeEntry> FirstBy(IReadOnlyList<ResourceChangeEntry> entries, string type, string attribute)
    {
        var index = new Dictionary<string, ResourceChangeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Type == type))
        {
            var value = entry.Action == PlanAction.Delete ? entry.Before(attribute) : entry.After(attribute);
            if (value.IsKnown && value.String() is { } key)
            {
                index.TryAdd(key, entry);
            }
        }

        return index;
    }
}
