using System.Text.Json.Nodes;
using CsCheck;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Tests.Properties;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// Properties of the Lake Formation hop over generated Lake Formation states on the corpus's governed path
/// (tests/cases/paths/lake-formation.json, first case): a further grant to the reading role never makes the path
/// worse, the path is its worst checked hop, and without the Lake Formation state the hop is unchecked, never guessed.
/// </summary>
public sealed class LakeFormationPropertyTests
{
    private const int Cases = 300;
    private const string Reader = "arn:aws:iam::111122223333:role/spectrum";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    // Grants to the reading role of every shape ListPermissions gives.
    private static readonly string[] Grants =
    [
        """{"principal": "R", "resource": {"table": {"database": "sales", "name": "orders"}}, "permissions": ["SELECT"]}""",
        """{"principal": "R", "resource": {"table": {"database": "sales", "tableWildcard": true}}, "permissions": ["ALL"]}""",
        """{"principal": "R", "resource": {"table": {"database": "sales", "name": "orders"}}, "permissions": ["DESCRIBE"]}""",
        """{"principal": "R", "resource": {"tableWithColumns": {"database": "sales", "name": "orders", "columnNames": ["id"]}}, "permissions": ["SELECT"]}""",
        """{"principal": "R", "resource": {"tableWithColumns": {"database": "sales", "name": "orders", "columnWildcard": {"excludedColumnNames": ["ssn"]}}}, "permissions": ["SELECT"]}""",
        """{"principal": "R", "resource": {"database": {"name": "sales"}}, "permissions": ["ALL"]}""",
        """{"principal": "R", "resource": {"lfTagPolicy": {"resourceType": "TABLE", "expression": [{"tagKey": "domain", "tagValues": ["sales"]}]}}, "permissions": ["SELECT"]}""",
        """{"principal": "R", "resource": {"table": {"database": "other", "name": "orders"}}, "permissions": ["SELECT"]}""",
    ];

    private static readonly string[] Tags =
    [
        """{}""",
        """{"sales": {"domain": ["sales"]}}""",
        """{"sales": {"domain": ["sales"]}, "sales/orders": {"domain": ["finance"]}}""",
        """{"sales/orders": {"domain": ["finance", "sales"]}}""",
    ];

    private static readonly string[] Registrations =
    [
        """[]""",
        """[{"resourceArn": "arn:aws:s3:::lake/sales", "roleArn": "arn:aws:iam::111122223333:role/lake-registration", "hybridAccessEnabled": false}]""",
        """[{"resourceArn": "arn:aws:s3:::lake", "roleArn": "arn:aws:iam::111122223333:role/lake-registration", "hybridAccessEnabled": true}]""",
        """[{"resourceArn": "arn:aws:s3:::lake/sales/orders", "roleArn": "arn:aws:iam::111122223333:role/lake-registration", "hybridAccessEnabled": false}]""",
    ];

    [Fact]
    public void A_further_grant_to_the_reading_role_never_worsens_the_path() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var world = World(seed);
            var before = Judge(world);
            var more = (JsonObject)world.DeepClone();
            Permissions(more).Add(Grant(seed / 7 % Grants.Length));
            var after = Judge(more);
            if (after.Access > before.Access)
            {
                throw new HostileCases.Violation("a grant worsened the path", $"{before.Access} -> {after.Access}: {before.Line} -> {after.Line}");
            }
        });

    [Fact]
    public void The_path_is_its_worst_checked_hop() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var verdict = Judge(World(seed));
            var worst = verdict.Hops.Where(h => h.Status != HopStatus.Unchecked).Select(h => h.Status switch
            {
                HopStatus.Breaks => AccessVerdict.Breaks,
                HopStatus.AtRisk => AccessVerdict.AtRisk,
                _ => AccessVerdict.Ok,
            }).DefaultIfEmpty(AccessVerdict.Ok).Max();
            if (verdict.Access != worst || verdict.Hops.Any(h => h.Status != HopStatus.Ok && h.Findings.Count == 0))
            {
                throw new HostileCases.Violation("the path is not its worst checked hop, or a hop says nothing", verdict.Line);
            }
        });

    [Fact]
    public void Without_the_lake_formation_state_the_hop_is_unchecked() =>
        HostileCases.Check(Seeds, Cases / 3, Show, seed =>
        {
            var world = World(seed);
            world.Remove("lakeFormation");
            var hop = Judge(world).Hops.Single(h => h.Hop == HopKind.LakeFormation);
            if (hop.Status != HopStatus.Unchecked || hop.Findings.All(f => f.Finding.Rule != RuleIds.HopUnchecked))
            {
                throw new HostileCases.Violation("Lake Formation judged without its state", $"{hop.Status.ToText()}");
            }
        });

    /// <summary>The governed path with a generated Lake Formation state: registrations, 0-3 grants, tags, opt-ins.</summary>
    private static JsonObject World(int seed)
    {
        var cases = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "cases", "paths", "lake-formation.json")))!.AsArray();
        var world = cases[0]!["snapshot"]!.DeepClone().AsObject();
        var lf = world["lakeFormation"]!["111122223333"]!.AsObject();
        var random = new Random(seed);
        lf["resources"] = JsonNode.Parse(Registrations[random.Next(Registrations.Length)]);
        lf["resourceTags"] = JsonNode.Parse(Tags[random.Next(Tags.Length)]);
        lf["optIns"] = random.Next(2) == 0 ? new JsonArray() : JsonNode.Parse("""[{"principal": "R", "resource": {"database": {"name": "sales"}}}]""".Replace("\"R\"", $"\"{Reader}\"", StringComparison.Ordinal));
        var permissions = new JsonArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            permissions.Add(Grant(random.Next(Grants.Length)));
        }

        lf["permissions"] = permissions;
        if (random.Next(3) == 0)
        {
            // The registration role may have lost its object reads.
            world["roles"]!["arn:aws:iam::111122223333:role/lake-registration"]!["inlinePolicies"]!["lake-read"]!["Statement"]!.AsArray().RemoveAt(0);
        }

        return world;
    }

    private static JsonNode Grant(int index) => JsonNode.Parse(Grants[index].Replace("\"R\"", $"\"{Reader}\"", StringComparison.Ordinal))!;

    private static JsonArray Permissions(JsonObject world) => world["lakeFormation"]!["111122223333"]!["permissions"]!.AsArray();

    private static PathVerdict Judge(JsonObject world) => PathEvaluator.Evaluate(SnapshotReader.Read(world.ToJsonString()), Now);

    private static string Show(int seed) => $"seed {seed}: {World(seed)["lakeFormation"]!.ToJsonString()}";
}
