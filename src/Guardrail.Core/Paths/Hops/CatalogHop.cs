using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// The Glue Data Catalog of each table: its resource policy's explicit denies apply in every account; a catalog in
/// another account than the role needs its resource policy to grant the reads as well.
/// </summary>
internal sealed class CatalogHop : IHop
{
    public HopKind Kind => HopKind.Catalog;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        foreach (var table in path.Snapshot.Spectrum.Tables)
        {
            if (table.CatalogAccount is null || table.Database is null || table.Table is null || path.Snapshot.Spectrum.Region is null)
            {
                hop.Unchecked("Glue catalog", $"the Glue catalog entry of the table at s3://{table.Bucket}/{table.Prefix} (catalog account, database, table and Region are needed)");
            }
        }

        foreach (var (table, shapes) in path.CatalogReads())
        {
            var account = table.CatalogAccount!;
            var document = $"Glue resource policy of account {account}";
            if (path.Snapshot.Catalogs.GetValueOrDefault(account)?.ResourcePolicy is not { } policy)
            {
                hop.Unchecked(document, $"the Glue resource policy of account {account}");
                continue;
            }

            var cross = account != path.Reader.AccountId;
            var set = PolicySet.Of(new NamedPolicy(document, policy.Value ?? EmptyPolicy.Instance));
            foreach (var shape in shapes)
            {
                hop.Add(path.Decide(set, shape), cross ? SetPart.Both : SetPart.Denies, HopRules.Always(RuleIds.CatalogDenies), w => (RuleIds.CatalogMissingGrant, $"The catalog is in account {account} but the Spectrum role is in {path.Reader.AccountId}: its resource policy must allow {w.Description}, and {(policy.Value is null ? "the catalog has none" : "no statement does")}."));
            }
        }

        return hop.Build(path);
    }
}
