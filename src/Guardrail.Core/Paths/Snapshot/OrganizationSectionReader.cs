using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>catalogs</c> and <c>organization</c> sections: account-level documents.</summary>
internal static class OrganizationSectionReader
{
    private static readonly KnownNames CatalogNames = new("resourcePolicy");
    private static readonly KnownNames OrganizationNames = new("id", "managementAccount", "serviceControlPolicies", "resourceControlPolicies");

    public static Dictionary<string, CatalogFacts> Catalogs(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.AccountIdProblem, static (catalog, catalogPath, _) =>
        {
            var facts = SnapshotObject.Read(catalog, catalogPath, CatalogNames);
            return new CatalogFacts(facts.TryGet(0, out var policy, out var policyPath) ? SnapshotPolicies.ReadGiven(policy, policyPath, PolicyKind.Bucket) : null);
        });

    public static OrganizationFacts Organization(JsonElement element, JsonLocation path)
    {
        var organization = SnapshotObject.Read(element, path, OrganizationNames);
        var id = organization.TryGet(0, out var idElement, out var idPath) ? SnapshotJson.Checked(idElement, idPath, OrgIdProblem) : null;
        var management = organization.TryGet(1, out var managementElement, out var managementPath)
            ? SnapshotJson.Checked(managementElement, managementPath, AwsIdentifiers.AccountIdProblem)
            : null;

        // SCPs are written like identity policies (no Principal); RCPs like resource policies (Principal "*").
        var scps = organization.TryGet(2, out var scpElement, out var scpPath) ? SnapshotPolicies.ReadLevels(scpElement, scpPath, PolicyKind.Identity) : null;
        var rcps = organization.TryGet(3, out var rcpElement, out var rcpPath) ? SnapshotPolicies.ReadLevels(rcpElement, rcpPath, PolicyKind.Bucket) : null;
        return new OrganizationFacts(id, management, scps, rcps);
    }

    // The issue's own example writes "o-abc123", shorter than a real id (AwsIdentifiers.OrgIdProblem wants 10 to 32
    // characters): a snapshot only needs the id to compare with aws:PrincipalOrgID, so the shape is checked, not the length.
    private static string? OrgIdProblem(string id) =>
        id.Length is > 2 and <= 34 && id.StartsWith("o-", StringComparison.Ordinal) && AwsIdentifiers.IsAll(id.AsSpan(2), static c => AwsIdentifiers.IsLower(c) || AwsIdentifiers.IsDigit(c))
            ? null
            : $"{Text.SafeText.Quote(id)} is not an AWS Organizations ID (o- and lowercase letters or digits, e.g. o-a1b2c3d4e5)";
}
