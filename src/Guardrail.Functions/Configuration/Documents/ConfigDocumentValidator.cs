using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Turns a <see cref="DocumentNode"/> tree (from JSON or YAML alike) into a <see cref="ConfigDocument"/>, or reports
/// every problem: the one validator of the schema (version 1). The document-wide rules are here; a path's own are in
/// <see cref="PathEntryValidator"/>.
/// </summary>
internal static class ConfigDocumentValidator
{
    /// <summary>The most break-glass roles or VPC endpoints a list may name.</summary>
    public const int MaxListLength = 100;

    /// <summary>The largest <c>maxRollbacks</c>.</summary>
    public const int MaxRollbacksLimit = 1_000;

    public static ConfigDocument? Validate(DocumentNode root, ProblemList problems)
    {
        var read = new NodeReader(problems);
        if (read.Object(root, "$", "version", "organization", "defaults", "paths", "exceptions") is not { } o)
        {
            return null;
        }

        int? version = null;
        if (NodeReader.Get(o, "version") is not { } versionNode || versionNode is NullNode)
        {
            problems.Add("$.version", $"missing: the schema version ({ConfigDocument.CurrentVersion})");
        }
        else if (versionNode is NumberNode { Integer: { } v } && v != ConfigDocument.CurrentVersion)
        {
            // Another version's properties mean other things: nothing more is read.
            problems.Add("$.version", $"version {v} is not read by this build (it reads version {ConfigDocument.CurrentVersion})");
            return null;
        }
        else
        {
            version = read.Integer(versionNode, "$.version", ConfigDocument.CurrentVersion, ConfigDocument.CurrentVersion);
        }

        var organization = NodeReader.Has(o, "organization") ? Organization(read, NodeReader.Get(o, "organization")!) : null;
        var defaults = NodeReader.Has(o, "defaults") ? Defaults(read, NodeReader.Get(o, "defaults")!) : PathDefaults.None;
        IReadOnlyList<PathEntry>? paths = null;
        if (!NodeReader.Has(o, "paths"))
        {
            problems.Add("$.paths", "missing: the list of protected access paths");
        }
        else if (read.List(NodeReader.Get(o, "paths")!, "$.paths", DocumentLimits.MaxPaths) is { } items)
        {
            paths = PathEntryValidator.Paths(read, items);
        }

        var exceptions = NodeReader.Has(o, "exceptions") ? ExceptionListValidator.Read(read, NodeReader.Get(o, "exceptions")!, "$.exceptions") : [];
        if (problems.Count > 0 || version is null || defaults is null || paths is null || exceptions is null)
        {
            return null;
        }

        return new ConfigDocument(version.Value, organization, defaults, paths) { Exceptions = exceptions };
    }

    private static OrganizationSettings? Organization(NodeReader read, DocumentNode node)
    {
        const string path = "$.organization";
        if (read.Object(node, path, "id", "managementAccount", "memberRoleName") is not { } o)
        {
            return null;
        }

        var id = read.Text(o, "id", path, AwsIdentifiers.OrgIdProblem, "the AWS Organizations ID (o-…)");
        var management = read.Text(o, "managementAccount", path, AwsIdentifiers.AccountIdProblem, "the management account's 12-digit ID");
        var role = read.Text(o, "memberRoleName", path, ConfigValueRules.RoleName, "the role the functions assume in member accounts");
        return id is null || management is null || role is null ? null : new OrganizationSettings(id, management, role);
    }

    private static PathDefaults? Defaults(NodeReader read, DocumentNode node)
    {
        const string path = "$.defaults";
        if (read.Object(node, path, "rollback", "breakGlassRoles", "maxRollbacks") is not { } o)
        {
            return null;
        }

        var ok = true;
        var rollback = PathDefaults.None.Rollback;
        if (NodeReader.Has(o, "rollback"))
        {
            var read0 = Rollback(read, NodeReader.Get(o, "rollback")!, $"{path}.rollback");
            ok &= read0 is not null;
            rollback = read0 ?? rollback;
        }

        var roles = PathDefaults.None.BreakGlassRoles;
        if (NodeReader.Has(o, "breakGlassRoles"))
        {
            var read1 = BreakGlassRoles(read, NodeReader.Get(o, "breakGlassRoles")!, $"{path}.breakGlassRoles");
            ok &= read1 is not null;
            roles = read1 ?? roles;
        }

        var max = PathDefaults.None.MaxRollbacks;
        if (NodeReader.Has(o, "maxRollbacks"))
        {
            var read2 = read.Integer(NodeReader.Get(o, "maxRollbacks")!, $"{path}.maxRollbacks", 1, MaxRollbacksLimit);
            ok &= read2 is not null;
            max = read2 ?? max;
        }

        return ok ? new PathDefaults(rollback, roles, max) : null;
    }

    /// <summary><c>true</c> (every kind), <c>false</c>, or a list of distinct kinds (an empty list is <c>false</c>).</summary>
    public static RollbackSetting? Rollback(NodeReader read, DocumentNode node, string path)
    {
        switch (node)
        {
            case BooleanNode b:
                return b.Value ? RollbackSetting.All : RollbackSetting.Off;
            case ArrayNode:
                if (read.Texts(node, path, RollbackKinds.All.Count * 2, ConfigValueRules.RollbackKind) is not { } kinds)
                {
                    return null;
                }

                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var kind in kinds)
                {
                    if (!set.Add(kind))
                    {
                        read.Problems.Add(path, $"the kind {SafeText.Quote(kind)} is listed more than once");
                        return null;
                    }
                }

                return new RollbackSetting(set);
            default:
                read.Problems.Add(path, $"expected true, false or a list of kinds ({string.Join(", ", RollbackKinds.All)}), not {node.Kind}");
                return null;
        }
    }

    public static IReadOnlyList<string>? BreakGlassRoles(NodeReader read, DocumentNode node, string path) =>
        read.Texts(node, path, MaxListLength, RoleArn.Problem);
}
