using System.Text.Json;

namespace Guardrail.Changes.Terraform;

/// <summary>
/// A read plan: its resource changes, its configuration and the context it deploys with. Mappers look across it to
/// name what one resource refers to (a role's ARN from its name, a created policy's placeholder ARN, an SCP's attachments).
/// </summary>
internal sealed class TerraformPlan
{
    public TerraformPlan(IReadOnlyList<ResourceChangeEntry> entries, PlanConfiguration configuration, ChangeContext context)
    {
        Entries = entries;
        Configuration = configuration;
        Context = context;
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
        foreach (var role in Entries.Where(e => e.Type == "aws_iam_role"))
        {
            var side = role.Action == PlanAction.Delete ? role.Before("name") : role.After("name");
            if (side.IsKnown && side.String() == roleName)
            {
                return IamRoleArn(role);
            }
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

            var candidates = Entries.Where(e => e.Type + "." + e.Name == reference && e.ModuleAddress == entry.ModuleAddress).ToList();
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

    internal static bool IsObject(JsonElement e) => e.ValueKind == JsonValueKind.Object;
}
