using Guardrail.Core.Identifiers;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// A path's <c>cluster</c>: a provisioned cluster (<c>id</c>) or a Serverless namespace (and workgroup). Without
/// <c>id</c> or <c>namespace</c> only its kind (and endpoints) is known: its attached roles are not read, and the
/// association hop is reported unchecked (what the environment variables give without <c>GUARDRAIL_CLUSTERS</c>).
/// </summary>
internal static class ClusterValidator
{
    public static ClusterEntry? Cluster(NodeReader read, DocumentNode node, string at)
    {
        if (read.Object(node, at, "account", "region", "kind", "id", "namespace", "workgroup", "vpcEndpoints") is not { } o)
        {
            return null;
        }

        var before = read.Problems.Count;
        var account = read.Text(o, "account", at, AwsIdentifiers.AccountIdProblem, "the cluster's 12-digit account ID");
        var region = read.Text(o, "region", at, AwsIdentifiers.RegionProblem, "the cluster's Region");
        var kind = read.Text(o, "kind", at, ConfigValueRules.Kind, "provisioned or serverless");
        var id = read.OptionalText(o, "id", at, ConfigValueRules.ClusterName);
        var ns = read.OptionalText(o, "namespace", at, ConfigValueRules.ClusterName);
        var workgroup = read.OptionalText(o, "workgroup", at, ConfigValueRules.WorkgroupName);
        IReadOnlyList<string> endpoints = [];
        if (NodeReader.Has(o, "vpcEndpoints"))
        {
            endpoints = read.Texts(NodeReader.Get(o, "vpcEndpoints")!, $"{at}.vpcEndpoints", ConfigDocumentValidator.MaxListLength, AwsIdentifiers.VpceIdProblem) ?? [];
        }

        if (kind == "provisioned")
        {
            Forbid(read, o, at, "namespace", "provisioned");
            Forbid(read, o, at, "workgroup", "provisioned");
        }
        else if (kind == "serverless")
        {
            Forbid(read, o, at, "id", "serverless");
            if (NodeReader.Has(o, "workgroup"))
            {
                Require(read, o, at, "namespace", "a workgroup is read with its namespace");
            }
        }

        return read.Problems.Count > before || account is null || region is null || kind is null
            ? null
            : new ClusterEntry(account, region, kind, id, ns, workgroup, endpoints);
    }

    private static void Require(NodeReader read, ObjectNode o, string at, string key, string why)
    {
        if (!NodeReader.Has(o, key))
        {
            read.Problems.Add($"{at}.{key}", $"missing: {why}");
        }
    }

    private static void Forbid(NodeReader read, ObjectNode o, string at, string key, string kind)
    {
        if (NodeReader.Has(o, key))
        {
            read.Problems.Add($"{at}.{key}", $"is not read for a {kind} cluster; remove it");
        }
    }
}
