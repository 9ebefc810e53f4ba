using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Iam;
using Guardrail.Core.Evaluation;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>roles</c> section: for each role of the chain, its trust policy, inline and managed policies (default
/// versions), permissions boundary and tags. A list is all or nothing: one policy that cannot be read leaves out the
/// whole list (judging a role on part of its policies could call a path broken that is not), and with it the hop.
/// Beside the section, each role's restore facts: its boundary's ARN, its attached ARNs and their default version ids.
/// </summary>
internal static class RoleSection
{
    public static async Task<JsonObject> CollectAsync(CollectionContext context, IReadOnlyList<RoleArn> chain)
    {
        var roles = new JsonObject();
        foreach (var role in chain.DistinctBy(r => r.Arn))
        {
            if (await context.TryAsync(role.Arn, () => context.In(role.AccountId)).ConfigureAwait(false) is not { } readers)
            {
                continue;
            }

            roles[role.Arn] = await CollectRoleAsync(context, readers.Value, role).ConfigureAwait(false);
        }

        return roles;
    }

    private static async Task<JsonObject> CollectRoleAsync(CollectionContext context, IPathReaders readers, RoleArn role)
    {
        var facts = new JsonObject();
        var token = context.Token;
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var details = await context.TryAsync(role.Arn, () => context.OnceGlobal($"role {role.Arn}", () => readers.Iam.GetRoleAsync(role.Name, token))).ConfigureAwait(false);
        if (details is not null)
        {
            facts["trustPolicy"] = PolicyJson.Embed(details.Value.TrustPolicy);
            if (!string.Equals(details.Value.Arn, role.Arn, StringComparison.Ordinal))
            {
                context.Note($"role {role.Arn} is {details.Value.Arn} in IAM (a path or case differs): Redshift must name it the same way");
            }
        }

        if (await InlinePoliciesAsync(context, readers, role).ConfigureAwait(false) is { } inline)
        {
            facts["inlinePolicies"] = inline;
        }

        var attached = await context.TryAsync(role.Arn, () => context.OnceGlobal($"attached {role.Arn}", () => readers.Iam.ListAttachedPolicyArnsAsync(role.Name, token))).ConfigureAwait(false);
        if (attached is not null && await ManagedPoliciesAsync(context, readers, attached.Value, versions).ConfigureAwait(false) is { } managed)
        {
            facts["managedPolicies"] = managed;
        }

        if (details is not null)
        {
            if (details.Value.PermissionsBoundaryArn is not { } boundaryArn)
            {
                facts["permissionsBoundary"] = null;
            }
            else if (await context.TryAsync(boundaryArn, () => DefaultVersion(context, readers, boundaryArn)).ConfigureAwait(false) is { } boundary)
            {
                facts["permissionsBoundary"] = PolicyJson.Embed(boundary.Value.Document);
                versions[boundaryArn] = boundary.Value.VersionId;
            }

            facts["tags"] = new JsonObject(details.Value.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }

        context.Facts.Role(role.Arn, new RoleRestoreFacts(
            details is null ? null : new Read<string?>(details.Value.PermissionsBoundaryArn),
            attached?.Value,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, versions)));
        return facts;
    }

    private static async Task<JsonObject?> InlinePoliciesAsync(CollectionContext context, IPathReaders readers, RoleArn role)
    {
        var token = context.Token;
        if (await context.TryAsync(role.Arn, () => context.OnceGlobal($"inline-names {role.Arn}", () => readers.Iam.ListInlinePolicyNamesAsync(role.Name, token))).ConfigureAwait(false) is not { } names)
        {
            return null;
        }

        var policies = new JsonObject();
        foreach (var name in names.Value)
        {
            var resource = $"{role.Arn} inline policy {name}";
            if (await context.TryAsync(resource, () => context.OnceGlobal($"inline {role.Arn} {name}", () => readers.Iam.GetInlinePolicyAsync(role.Name, name, token))).ConfigureAwait(false) is not { } document)
            {
                return null;
            }

            policies[name] = PolicyJson.Embed(document.Value);
        }

        return policies;
    }

    private static async Task<JsonObject?> ManagedPoliciesAsync(CollectionContext context, IPathReaders readers, IReadOnlyList<string> arns, SortedDictionary<string, string> versions)
    {
        var policies = new JsonObject();
        foreach (var arn in arns)
        {
            if (await context.TryAsync(arn, () => DefaultVersion(context, readers, arn)).ConfigureAwait(false) is not { } version)
            {
                return null;
            }

            policies[arn] = PolicyJson.Embed(version.Value.Document);
            versions[arn] = version.Value.VersionId;
        }

        return policies;
    }

    // A managed policy attached to several roles of the chain, or used as a boundary too, is read once.
    private static Task<PolicyVersion> DefaultVersion(CollectionContext context, IPathReaders readers, string policyArn) =>
        context.OnceGlobal($"managed-policy {policyArn}", () => readers.Iam.GetDefaultPolicyVersionAsync(policyArn, context.Token));
}
