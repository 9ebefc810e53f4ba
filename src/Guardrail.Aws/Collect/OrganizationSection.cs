using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Organizations;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>organization</c> section: for each account on the path, the SCPs and RCPs at every level from the root
/// down to the account. Read from the caller's account, which must be the management account or a delegated
/// administrator; elsewhere (or without an organization) the section is left out and a note says why, once.
/// </summary>
internal static class OrganizationSection
{
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";
    public const string ResourceControlPolicy = "RESOURCE_CONTROL_POLICY";

    public static async Task<JsonObject?> CollectAsync(CollectionContext context, IEnumerable<string> accounts)
    {
        try
        {
            var organizations = (await context.In(context.OwnAccount).ConfigureAwait(false)).Organization;
            var token = context.Token;
            var organization = await context.OnceGlobal("organization", () => organizations.DescribeOrganizationAsync(token)).ConfigureAwait(false);
            var root = await context.OnceGlobal("organization-root", () => organizations.GetRootAsync(token)).ConfigureAwait(false);
            var scps = new JsonObject();
            var rcps = new JsonObject();
            foreach (var account in accounts.Distinct(StringComparer.Ordinal))
            {
                IReadOnlyList<string> levels;
                try
                {
                    levels = await LevelsAsync(context, organizations, account, root.Id).ConfigureAwait(false);
                }
                catch (AwsCallException e) when (e.Code is "ChildNotFoundException" or "AccountNotFoundException")
                {
                    context.Note($"organization: account {account} is not in organization {organization.Id}; its SCPs and RCPs are unknown (unchecked)");
                    continue;
                }

                scps[account] = await PoliciesAsync(context, organizations, levels, root, ServiceControlPolicy).ConfigureAwait(false);
                rcps[account] = await PoliciesAsync(context, organizations, levels, root, ResourceControlPolicy).ConfigureAwait(false);
            }

            return new JsonObject
            {
                ["id"] = organization.Id,
                ["managementAccount"] = organization.ManagementAccount,
                ["serviceControlPolicies"] = scps,
                ["resourceControlPolicies"] = rcps,
            };
        }
        catch (AwsCallException e) when (e.IsAccessDenied || e.Code == "AWSOrganizationsNotInUseException")
        {
            context.Note(e.Code == "AWSOrganizationsNotInUseException"
                ? $"organization: account {context.OwnAccount} is not in an organization; the SCP and RCP hops are unchecked"
                : $"organization: {e.Call} is refused in account {context.OwnAccount} ({e.Code}; Organizations answers only the management account or a delegated administrator, with {RequiredPermissions.For(e.Call)}); the SCP and RCP hops are unchecked");
            return null;
        }
        catch (AwsCallException e)
        {
            context.Fail($"the organization of account {context.OwnAccount}", e);
            return null;
        }
    }

    /// <summary>The targets policies attach to, from the root down to the account: root, OUs, account.</summary>
    private static async Task<IReadOnlyList<string>> LevelsAsync(CollectionContext context, IOrganizationReader organizations, string account, string rootId)
    {
        var levels = new List<string> { account };
        var child = account;

        // OUs nest at most five deep under the root; the bound keeps a cycle in a bad answer from looping.
        for (var depth = 0; depth < 8 && child != rootId; depth++)
        {
            var parentOf = child;
            child = await context.OnceGlobal($"parent {parentOf}", () => organizations.GetParentAsync(parentOf, context.Token)).ConfigureAwait(false);
            levels.Add(child);
        }

        levels.Reverse();
        return levels;
    }

    private static async Task<JsonArray> PoliciesAsync(CollectionContext context, IOrganizationReader organizations, IReadOnlyList<string> levels, OrganizationRoot root, string policyType)
    {
        // A policy type that is not enabled constrains nothing: no levels at all.
        if (!root.EnabledPolicyTypes.Contains(policyType, StringComparer.Ordinal))
        {
            return [];
        }

        var result = new JsonArray();
        foreach (var target in levels)
        {
            var ids = await context.OnceGlobal($"policies {policyType} {target}", () => organizations.ListPolicyIdsAsync(target, policyType, context.Token)).ConfigureAwait(false);
            var level = new JsonArray();
            foreach (var id in ids)
            {
                var content = await context.OnceGlobal($"org-policy {id}", () => organizations.GetPolicyContentAsync(id, context.Token)).ConfigureAwait(false);
                level.Add((JsonNode?)PolicyJson.Embed(content));
            }

            result.Add((JsonNode?)level);
        }

        return result;
    }
}
