using System.Text.Json.Nodes;
using Guardrail.Core.Changes;
using Guardrail.Core.Paths.Changes;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Paths;

/// <summary>What an alert says changed in Lake Formation between the known-good snapshot and the live one.</summary>
public sealed class LakeFormationDiffTests
{
    private const string Reader = "arn:aws:iam::111122223333:role/spectrum";

    [Fact]
    public void A_revoked_grant_is_a_removed_grant()
    {
        var changes = Compare(lf => lf["permissions"]!.AsArray().Clear());

        var change = Assert.Single(changes);
        Assert.Equal(ChangeKind.Removed, change.Kind);
        Assert.Equal($"Lake Formation grant to {Reader} on table sales.orders in account 111122223333", change.Statement);
        Assert.Equal("DESCRIBE, SELECT", change.Before);
    }

    [Fact]
    public void A_deregistered_location_is_a_removed_registration()
    {
        var change = Assert.Single(Compare(lf => lf["resources"]!.AsArray().Clear()));

        Assert.Equal(ChangeKind.Removed, change.Kind);
        Assert.Equal("Lake Formation registration of arn:aws:s3:::lake/sales in account 111122223333", change.Statement);
        Assert.Equal("role arn:aws:iam::111122223333:role/lake-registration", change.Before);
    }

    [Fact]
    public void Re_tagging_a_table_and_opting_in_are_each_one_change()
    {
        var changes = Compare(lf =>
        {
            lf["resourceTags"] = JsonNode.Parse("""{"sales/orders": {"domain": ["finance"]}}""");
            lf["optIns"] = new JsonArray(new JsonObject { ["principal"] = Reader, ["resource"] = JsonNode.Parse("""{"database": {"name": "sales"}}""") });
        });

        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c is { Kind: ChangeKind.Added, Statement: "LF-tags of sales/orders in account 111122223333", After: "domain=finance" });
        Assert.Contains(changes, c => c is { Kind: ChangeKind.Added, Statement: $"Lake Formation opt-in of {Reader} for database sales in account 111122223333" });
    }

    [Fact]
    public void The_same_state_is_no_change() => Assert.Empty(Compare(_ => { }));

    private static IReadOnlyList<StatementChange> Compare(Action<JsonObject> change)
    {
        var cases = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "cases", "paths", "lake-formation.json")))!.AsArray();
        var before = cases[0]!["snapshot"]!.AsObject();
        var after = before.DeepClone().AsObject();
        change(after["lakeFormation"]!["111122223333"]!.AsObject());
        return SnapshotDiff.Compare(SnapshotReader.Read(before.ToJsonString()), SnapshotReader.Read(after.ToJsonString()));
    }
}
