using System.Text.RegularExpressions;
using Guardrail.Aws.Collect;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration;

/// <summary>What the access-path function needs beyond the policy functions' settings.</summary>
/// <param name="Clusters">GUARDRAIL_CLUSTERS: provisioned cluster identifiers, or <c>serverless:NAMESPACE</c> or <c>serverless:NAMESPACE/WORKGROUP</c> (the workgroup whose S3 VPC endpoints to read).</param>
/// <param name="CatalogTables">GUARDRAIL_CATALOG_TABLES: <c>account/database/table</c> entries.</param>
/// <param name="AccountRoleName">GUARDRAIL_ACCOUNT_ROLE_NAME: the role assumed to read other accounts; null: own credentials only.</param>
/// <param name="ScanPaths">GUARDRAIL_SCAN_PATHS: whether the drift scan judges whole access paths too (default true).</param>
public sealed partial record PathSettings(IReadOnlyList<ClusterTarget> Clusters, IReadOnlyList<CatalogTable> CatalogTables, string? AccountRoleName, bool ScanPaths = true)
{
    /// <summary>No clusters, no catalog tables, no other accounts.</summary>
    public static PathSettings None { get; } = new([], [], null);

    /// <summary>Reads the three variables; adds a problem for each bad entry.</summary>
    public static PathSettings Load(Func<string, string?> get, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(problems);
        var clusters = new List<ClusterTarget>();
        foreach (var entry in Split(get("GUARDRAIL_CLUSTERS")))
        {
            var serverless = entry.StartsWith("serverless:", StringComparison.Ordinal);
            var name = serverless ? entry["serverless:".Length..] : entry;
            string? workgroup = null;
            if (serverless && name.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
            {
                (name, workgroup) = (name[..slash], name[(slash + 1)..]);
            }

            if (name.Length is < 1 or > 64 || !ClusterName().IsMatch(name) || (workgroup is not null && (workgroup.Length is < 3 or > 64 || !ClusterName().IsMatch(workgroup))))
            {
                problems.Add($"GUARDRAIL_CLUSTERS: {SafeText.Quote(entry)} is not a cluster identifier, serverless:NAMESPACE or serverless:NAMESPACE/WORKGROUP (1-64 lowercase letters, digits and hyphens)");
                continue;
            }

            clusters.Add(new ClusterTarget(serverless ? ClusterKind.Serverless : ClusterKind.Provisioned, name, workgroup));
        }

        var tables = new List<CatalogTable>();
        foreach (var entry in Split(get("GUARDRAIL_CATALOG_TABLES")))
        {
            var parts = entry.Split('/');
            if (parts.Length != 3 || !AwsIdentifiers.IsAccountId(parts[0]) || !GlueName().IsMatch(parts[1]) || !GlueName().IsMatch(parts[2]))
            {
                problems.Add($"GUARDRAIL_CATALOG_TABLES: {SafeText.Quote(entry)} is not account/database/table (a 12-digit account, Glue names of 1-255 letters, digits and _-.)");
                continue;
            }

            tables.Add(new CatalogTable(parts[0], parts[1], parts[2]));
        }

        var roleName = get("GUARDRAIL_ACCOUNT_ROLE_NAME");
        if (roleName is not null && (roleName.Length is < 1 or > 64 || !RoleName().IsMatch(roleName)))
        {
            problems.Add($"GUARDRAIL_ACCOUNT_ROLE_NAME {SafeText.Quote(roleName)} is not an IAM role name (1-64 letters, digits and +=,.@_-)");
            roleName = null;
        }

        var scan = get("GUARDRAIL_SCAN_PATHS")?.ToLowerInvariant() switch
        {
            null or "true" => true,
            "false" => false,
            var other => Invalid(problems, $"GUARDRAIL_SCAN_PATHS {SafeText.Quote(other)} must be true or false"),
        };
        return new PathSettings(clusters, tables, roleName, scan);
    }

    private static bool Invalid(List<string> problems, string problem)
    {
        problems.Add(problem);
        return true;
    }

    private static string[] Split(string? value) =>
        value is null ? [] : value.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\z")]
    private static partial Regex ClusterName();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,255}\z")]
    private static partial Regex GlueName();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]+\z")]
    private static partial Regex RoleName();
}

/// <summary>A Glue table Spectrum reads through an external schema.</summary>
public sealed record CatalogTable(string Account, string Database, string Table);
