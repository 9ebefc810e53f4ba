using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>catalogs</c> and <c>organization</c> sections: account-level documents.</summary>
internal static class OrganizationSectionReader
{
    private static readonly KnownNames CatalogNames = new("resourcePolicy");
    private static readonly KnownNames OrganizationNames = new("id", "managementAccount", "serviceControlPolicies", "resourceControlPolicies");

    public static Dictionary<string, CatalogFacts> Catalogs(JsonElement element, SnapshotPath path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.AccountIdProblem, static (catalog, catalogPath, _) =>
        {
            var facts = SnapshotObject.Read(catalog, catalogPath, CatalogNames);
            return new CatalogFacts(facts.TryGet(0, out var policy, out var policyPath) ? SnapshotPolicies.ReadGiven(policy, policyPath, PolicyKind.Bucket) : null);
        });

    public static OrganizationFacts Organization(JsonElement element, SnapshotPath path)
    {
        var organization = SnapshotObject.Read(element, path, OrganizationNames);
        var id = organization.TryGet(0, out var idElement, out var idPath) ? SnapshotJson.Checked(idElement, idPath, AwsIdentifiers.OrgIdProblem) : null;
        var management = organization.TryGet(1, out var managementElement, out var managementPath)
            ? SnapshotJson.Checked(managementElement, managementPath, AwsIdentifiers.AccountIdProblem)
            : null;

        // SCPs are written like identity policies (no Principal); RCPs like resource policies (Principal "*").
        var scps = organization.TryGet(2, out var scpElement, out var scpPath) ? SnapshotPolicies.ReadLevels(scpElement, scpPath, PolicyKind.Identity) : null;
        var rcps = organization.TryGet(3, out var rcpElement, out var rcpPath) ? SnapshotPolicies.ReadLevels(rcpElement, rcpPath, PolicyKind.Bucket) : null;
        return new OrganizationFacts(id, management, scps, rcps);
    }
}
