using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// The reading role's own permissions: its inline and managed policies as one set (explicit deny wins), which must
/// grant what no resource policy grants on its own — in the same account an allow naming the role in the bucket
/// policy or the catalog's resource policy suffices, across accounts both sides must allow; for the key, what the
/// key route leaves to the role's policies; <c>lakeformation:GetDataAccess</c> when Lake Formation governs a table.
/// The permissions boundary and every SCP level cap every request.
/// </summary>
internal sealed class IdentityHop : IHop
{
    public HopKind Kind => HopKind.Identity;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        var reader = path.Reader;
        if (path.ReaderFacts is not { } facts)
        {
            hop.Unchecked(reader.Arn, $"the policies of {reader.Arn} (the role is not in the snapshot)");
            return hop.Build(path);
        }

        var shapes = path.AllReaderShapes();
        if (path.Identity is { } identity)
        {
            foreach (var shape in shapes)
            {
                hop.Add(path.Decide(identity, shape), SetPart.Denies, HopRules.Classified(identity, RuleIds.IdentityDenies), HopRules.NoGrantAsked);
            }

            foreach (var bucket in path.Buckets)
            {
                Grants(hop, path, identity, path.S3Shapes(bucket), bucket.Account, bucket.Facts?.Policy, $"bucket {bucket.Name}", "bucket policy");
            }

            foreach (var (table, tableShapes) in path.CatalogReads())
            {
                var catalog = path.Snapshot.Catalogs.GetValueOrDefault(table.CatalogAccount!);
                Grants(hop, path, identity, tableShapes, table.CatalogAccount, catalog?.ResourcePolicy, $"the Glue catalog of account {table.CatalogAccount}", "catalog's resource policy");
            }

            foreach (var route in path.Buckets.Select(path.KeyRoute).OfType<KeyRoute>())
            {
                foreach (var decision in route.Decisions.Where(d => d.IdentityDecides))
                {
                    hop.Add(decision.Identity!, SetPart.Grant, HopRules.Always(RuleIds.IdentityDenies), w => (RuleIds.IdentityMissingGrant, $"The key policy of {route.KeyResource} leaves kms:Decrypt to the role's own policies (it delegates to the account), and none of them allows {w.Description}; S3 cannot decrypt the table's data."), decision.Total);
                }
            }

            // Lake Formation's credentials: an action without a resource type, granted by the role's policies alone.
            foreach (var shape in path.LakeFormationShapes())
            {
                hop.Add(path.Decide(identity, shape), SetPart.Grant, HopRules.Always(RuleIds.IdentityDenies), w => (RuleIds.LfGetDataAccessMissing, $"The role's policies do not allow {w.Description}: Lake Formation vends no credentials for the tables it governs."));
            }
        }
        else
        {
            hop.Unchecked(reader.Arn, $"the inline and managed policies of {reader.Arn}");
        }

        Boundary(hop, path, facts, shapes);
        ServiceControlPolicies(hop, path, shapes);
        return hop.Build(path);
    }

    /// <summary>
    /// The grant a resource of the path needs from the role's policies: alone across accounts; in the same account,
    /// together with the resource policy's allows that name the role (as one set, so they may complete each other).
    /// </summary>
    private static void Grants(HopBuilder hop, PathJudging path, PolicySet identity, IReadOnlyList<RequestShape> shapes, string? account, Given<PolicyDocument>? resourcePolicy, string resource, string policyName)
    {
        var reader = path.Reader;
        var sameAccount = account == reader.AccountId;
        var set = path.GrantSet(identity, account, resourcePolicy, $"{policyName} of {resource}");

        var decided = account is not null && (!sameAccount || resourcePolicy is not null);
        foreach (var shape in shapes)
        {
            var judgement = path.Decide(set, shape);
            if (!decided && judgement.Grant != Tri.True)
            {
                // Whether the resource's own policy would grant what the role's do not is not in the snapshot.
                hop.Unchecked(identity.Name, $"whether the {policyName} of {resource} grants the role what its own policies do not (the account or the policy is not in the snapshot)");
                return;
            }

            hop.Add(judgement, SetPart.Grant, HopRules.Always(RuleIds.IdentityDenies), w => (RuleIds.IdentityMissingGrant, sameAccount
                ? $"Neither the role's policies nor the {policyName} allow {w.Description}."
                : $"The role's policies do not allow {w.Description}; {resource} is in account {account}, so the role's own policy must allow it as well as the {policyName}."));
        }
    }

    private static void Boundary(HopBuilder hop, PathJudging path, RoleFacts facts, IReadOnlyList<RequestShape> shapes)
    {
        var reader = path.Reader;
        if (facts.PermissionsBoundary is not { } boundary)
        {
            hop.Unchecked($"permissions boundary of {reader.Arn}", $"whether {reader.Arn} has a permissions boundary (not in the snapshot)");
            return;
        }

        if (boundary.Value is not { } document)
        {
            return;
        }

        var set = PolicySet.Of(new NamedPolicy($"permissions boundary of {reader.Arn}", document));
        var bypasses = new Dictionary<RequestShape, PolicySet>(ReferenceEqualityComparer.Instance);
        foreach (var (bypassShapes, allows) in path.BoundaryBypasses())
        {
            foreach (var shape in bypassShapes)
            {
                bypasses[shape] = allows;
            }
        }

        foreach (var shape in shapes)
        {
            var judgement = path.Decide(set, shape);
            Tri? counted = null;
            if (judgement.Grant != Tri.True && bypasses.TryGetValue(shape, out var allows) && allows.Statements.Count > 0)
            {
                // A grant the boundary may not cap (to everyone, or to the session) can make up for it: never certain.
                var bypass = path.Decide(allows, shape);
                counted = judgement.NoDeny.And(TriOr.Of((judgement.Grant, judgement.GrantVariesWithinShape), (bypass.Grant == Tri.True ? Tri.Unknown : bypass.Grant, bypass.GrantVariesWithinShape)));
            }

            hop.Add(judgement, SetPart.Both, HopRules.Always(RuleIds.BoundaryCaps), w => (RuleIds.BoundaryCaps, $"The permissions boundary does not allow {w.Description}, so the role cannot, whatever its policies or the resource's policy grant to the role's ARN."), counted);
        }
    }

    private static void ServiceControlPolicies(HopBuilder hop, PathJudging path, IReadOnlyList<RequestShape> shapes)
    {
        if (path.ReaderIsServiceLinked)
        {
            return;
        }

        switch (OrganizationLevels.For(path.Snapshot.Organization, path.Reader.AccountId, resource: false))
        {
            case OrganizationLevels.Missing missing:
                hop.Gap("service control policies", missing.What);
                break;
            case OrganizationLevels.Levels levels:
                foreach (var level in levels.Sets)
                {
                    foreach (var shape in shapes)
                    {
                        hop.Add(path.Decide(level, shape), SetPart.Both, HopRules.Always(RuleIds.ScpDenies), w => (RuleIds.ScpDenies, $"No service control policy at {level.Name} allows {w.Description}: SCPs cap every principal of the account, so the role cannot."));
                    }
                }

                break;
        }
    }
}
