using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Tests.AccessPaths;

/// <summary>The access-path settings and the protected paths they make.</summary>
public sealed class PathConfigurationTests
{
    private static GuardrailConfig Load(params (string Key, string Value)[] values)
    {
        var env = new Dictionary<string, string>
        {
            ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::111122223333:role/spectrum",
            ["GUARDRAIL_PROTECTED_BUCKETS"] = "lake,archive",
        };
        foreach (var (key, value) in values)
        {
            env[key] = value;
        }

        return GuardrailConfig.Load(name => env.GetValueOrDefault(name), requireAws: false);
    }

    [Theory]
    [InlineData("true", 13)]
    [InlineData("false", 0)]
    [InlineData("key-policy, key-state", 2)]
    public void Rollback_takes_true_false_or_a_list_of_kinds(string value, int kinds)
    {
        var config = Load(("GUARDRAIL_ROLLBACK", value));
        Assert.Equal(kinds, config.RollbackKinds.Count);
        Assert.Equal(kinds > 0, config.Rollback);
        Assert.Equal(value.Contains("key-state", StringComparison.Ordinal) || value == "true", config.RollsBack(RollbackKinds.KeyState));
        Assert.False(config.RollsBack(null));
    }

    [Fact]
    public void Each_bad_entry_is_named()
    {
        var e = Assert.Throws<GuardrailConfigException>(() => Load(
            ("GUARDRAIL_ROLLBACK", "key-policy,everything"),
            ("GUARDRAIL_CLUSTERS", "Bad_Cluster,serverless:"),
            ("GUARDRAIL_CATALOG_TABLES", "111122223333/sales,12/db/t"),
            ("GUARDRAIL_ACCOUNT_ROLE_NAME", "no spaces"),
            ("GUARDRAIL_SCAN_PATHS", "maybe")));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_ROLLBACK: \"everything\" is not a kind", StringComparison.Ordinal));
        Assert.Equal(2, e.Problems.Count(p => p.StartsWith("GUARDRAIL_CLUSTERS:", StringComparison.Ordinal)));
        Assert.Equal(2, e.Problems.Count(p => p.StartsWith("GUARDRAIL_CATALOG_TABLES:", StringComparison.Ordinal)));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_ACCOUNT_ROLE_NAME", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_SCAN_PATHS", StringComparison.Ordinal));
    }

    [Fact]
    public void Paths_are_chains_times_clusters_over_every_bucket_and_prefix()
    {
        var config = Load(
            ("GUARDRAIL_SPECTRUM_ROLES", "arn:aws:iam::111122223333:role/spectrum arn:aws:iam::111122223333:role/hop,arn:aws:iam::444455556666:role/reader"),
            ("GUARDRAIL_PREFIXES", "sales/,logs/"),
            ("GUARDRAIL_CLUSTERS", "analytics,serverless:lakehouse"),
            ("GUARDRAIL_CATALOG_TABLES", "111122223333/sales/orders"));
        var paths = PathTarget.From(config, "eu-west-1");
        Assert.Equal(
            ["path#spectrum@analytics", "path#spectrum@lakehouse", "path#hop,reader@analytics", "path#hop,reader@lakehouse"],
            paths.Select(p => p.Key));
        var first = paths[0];
        // The catalog table takes the place of the first location it is read through: Spectrum reads it only so.
        Assert.Equal(4, first.Request.Tables.Count);
        Assert.Equal(["archive", "archive", "lake", "lake"], first.Request.Tables.Select(t => t.Bucket));
        Assert.Equal(("sales/", "orders"), (first.Request.Tables[0].Prefix, first.Request.Tables[0].Table));
        Assert.All(first.Request.Tables.Skip(1), t => Assert.Null(t.Table));
        Assert.Equal(ClusterKind.Serverless, paths[1].Cluster!.Kind);
        Assert.Equal("eu-west-1", first.Request.Region);
    }

    [Fact]
    public void A_path_is_concerned_only_by_its_own_roles_buckets_and_cluster()
    {
        var path = PathTarget.From(Load(("GUARDRAIL_CLUSTERS", "analytics"), ("GUARDRAIL_CATALOG_TABLES", "111122223333/sales/orders")), "us-east-1")[0];
        Assert.True(path.MayConcern(new PathTouch.Role("spectrum", "111122223333")));
        Assert.False(path.MayConcern(new PathTouch.Role("other", "111122223333")));
        Assert.False(path.MayConcern(new PathTouch.Role("spectrum", "444455556666")));
        Assert.True(path.MayConcern(new PathTouch.Bucket("lake")));
        Assert.False(path.MayConcern(new PathTouch.Bucket("elsewhere")));
        Assert.True(path.MayConcern(new PathTouch.Cluster(ClusterKind.Provisioned, "analytics")));
        Assert.False(path.MayConcern(new PathTouch.Cluster(ClusterKind.Provisioned, "reporting")));
        Assert.False(path.MayConcern(new PathTouch.Cluster(ClusterKind.Serverless, "analytics")));
        Assert.True(path.MayConcern(new PathTouch.Catalog("111122223333")));
        Assert.False(path.MayConcern(new PathTouch.Catalog("444455556666")));

        // Attachments and key use are only known by reading the path: these always concern it.
        Assert.True(path.MayConcern(new PathTouch.ManagedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
        Assert.True(path.MayConcern(new PathTouch.Key("1234abcd-12ab-34cd-56ef-1234567890ab")));
        Assert.True(path.MayConcern(new PathTouch.Organization()));
    }

    [Fact]
    public void Without_a_cluster_the_configured_kind_is_written_into_the_snapshot()
    {
        var path = PathTarget.From(Load(("GUARDRAIL_CLUSTER", "serverless"), ("GUARDRAIL_VPCE_IDS", "vpce-1a2b3c4d")), "us-east-1")[0];
        var snapshot = path.Completed(new System.Text.Json.Nodes.JsonObject { ["spectrum"] = new System.Text.Json.Nodes.JsonObject() });
        Assert.Equal("serverless", snapshot["spectrum"]!["cluster"]!["kind"]!.GetValue<string>());
        Assert.Equal("vpce-1a2b3c4d", snapshot["spectrum"]!["cluster"]!["vpcEndpoints"]![0]!.GetValue<string>());
        Assert.Null(snapshot["spectrum"]!["cluster"]!["iamRoles"]);
    }
}
