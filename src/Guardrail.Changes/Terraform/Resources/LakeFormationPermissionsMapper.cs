using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_lakeformation_permissions</c> (<c>principal</c>, <c>permissions</c>, <c>catalog_id</c>, one of the
/// <c>database</c>, <c>table</c>, <c>table_with_columns</c>, <c>lf_tag_policy</c> blocks): created, granted;
/// deleted, revoked; updated or replaced, the old grant revoked and the new one granted. Grants on the catalog or a
/// data location are not on the table path and are ignored.
/// </summary>
internal sealed class LakeFormationPermissionsMapper : IResourceMapper
{
    public string Type => "aws_lakeformation_permissions";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (entry.Action is PlanAction.Delete or PlanAction.Update or PlanAction.Replace)
        {
            Add(entry, plan, changes, entry.Before, granted: false);
        }

        if (entry.Action.Writes())
        {
            Add(entry, plan, changes, entry.After, granted: true);
        }
    }

    private static void Add(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes, Func<object[], PlanValue> side, bool granted)
    {
        var catalog = side(["catalog_id"]);
        var account = catalog.IsUnknown ? null : catalog.NonEmptyString() ?? plan.Context.Account;
        if (account is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.LakeFormation], Resolution.Unknown(catalog.Path, catalog.IsUnknown ? PlanValues.AfterApply : "no catalog_id, and the account is not given (--account)")));
            return;
        }

        var principal = side(["principal"]);
        var permissions = side(["permissions"]);
        if (principal.IsUnknown || permissions.IsUnknown)
        {
            var unknown = principal.IsUnknown ? principal : permissions;
            changes.Add(new LakeFormationPermissionChange(entry.Source, account, new Proposed<LfPermission>.Unknown(unknown.Path, PlanValues.AfterApply), granted));
            return;
        }

        var resource = Resource(side);
        if (resource is Proposed<LfResource>.Unknown why)
        {
            changes.Add(new LakeFormationPermissionChange(entry.Source, account, new Proposed<LfPermission>.Unknown(why.Property, why.Reason), granted));
        }
        else if (resource is Proposed<LfResource>.Set set && principal.NonEmptyString() is { } p)
        {
            changes.Add(new LakeFormationPermissionChange(entry.Source, account, new Proposed<LfPermission>.Set(new LfPermission(p, set.Value, permissions.Strings())), granted));
        }
    }

    /// <summary>The catalog resource; removed when the grant is on something else (the catalog, a data location).</summary>
    private static Proposed<LfResource> Resource(Func<object[], PlanValue> side)
    {
        foreach (var block in (string[])["table_with_columns", "table", "database", "lf_tag_policy"])
        {
            var value = side([block]);
            if (value.IsUnknown)
            {
                return new Proposed<LfResource>.Unknown(value.Path, PlanValues.AfterApply);
            }

            if (value.Count() == 0)
            {
                continue;
            }

            var fields = new Fields(side, block);
            if (fields.Unknown is { } unknown)
            {
                return unknown;
            }

            return new Proposed<LfResource>.Set(block switch
            {
                "table_with_columns" => new LfResource.TableWithColumns(fields.Text("database_name"), fields.Text("name"), fields.List("column_names"), fields.List("excluded_column_names")),
                "table" when fields.Flag("wildcard") => new LfResource.AllTables(fields.Text("database_name")),
                "table" => new LfResource.Table(fields.Text("database_name"), fields.Text("name")),
                "database" => new LfResource.Database(fields.Text("name")),
                _ => TagPolicy(side),
            });
        }

        return new Proposed<LfResource>.Removed();
    }

    private static LfResource.TagPolicy TagPolicy(Func<object[], PlanValue> side)
    {
        var type = side(["lf_tag_policy", 0, "resource_type"]);
        var expression = new List<LfTagCondition>();
        var count = side(["lf_tag_policy", 0, "expression"]).Count();
        for (var i = 0; i < count; i++)
        {
            expression.Add(new LfTagCondition(side(["lf_tag_policy", 0, "expression", i, "key"]).String() ?? string.Empty, side(["lf_tag_policy", 0, "expression", i, "values"]).Strings()));
        }

        return new LfResource.TagPolicy(type.String() == "DATABASE" ? LfTagResourceType.Database : LfTagResourceType.Table, expression);
    }

    /// <summary>The first block's arguments, any unknown one making the resource unknown.</summary>
    private sealed class Fields(Func<object[], PlanValue> side, string block)
    {
        public Proposed<LfResource>.Unknown? Unknown { get; } = Find(side, block);

        public string Text(string name) => side([block, 0, name]).String() ?? string.Empty;

        public bool Flag(string name) => side([block, 0, name]).Bool() == true;

        public IReadOnlyList<string>? List(string name) => side([block, 0, name]).Strings() is { Count: > 0 } list ? list : null;

        private static Proposed<LfResource>.Unknown? Find(Func<object[], PlanValue> side, string block)
        {
            foreach (var name in (string[])["database_name", "name", "column_names", "excluded_column_names", "wildcard", "resource_type", "expression"])
            {
                if (side([block, 0, name]) is { IsUnknown: true } value)
                {
                    return new Proposed<LfResource>.Unknown(value.Path, PlanValues.AfterApply);
                }
            }

            return null;
        }
    }
}
