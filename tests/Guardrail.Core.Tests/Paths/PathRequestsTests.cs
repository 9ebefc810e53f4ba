using CsCheck;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Tests.Properties;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using Guardrail.Testing.Paths;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// The path's decision for one concrete request (<see cref="PathRequests.Decide"/>, what the whole-path differential
/// compares with iam-simulate) agrees with the hops that judge the request families: a hop that passes has no
/// concrete request of its own denied. And on small worlds it answers as AWS documents.
/// </summary>
public sealed class PathRequestsTests
{
    private const int Cases = 200;
    private const string Role = $"arn:aws:iam::{PathWorlds.AccountA}:role/spectrum";
    private const string Key = $"arn:aws:kms:us-east-1:{PathWorlds.AccountA}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly HopKind[] DecidingHops = [HopKind.Identity, HopKind.Bucket, HopKind.Key, HopKind.Catalog];

    [Fact]
    public void A_path_whose_request_hops_pass_denies_none_of_its_concrete_requests() =>
        HostileCases.Check(Gen.Int[0, int.MaxValue], Cases, seed => $"seed {seed}", seed =>
        {
            var snapshot = SnapshotReader.Read(PathWorlds.Generate(seed).ToJsonString());
            var verdict = PathEvaluator.Evaluate(snapshot, Now);
            if (verdict.Hops.Where(h => DecidingHops.Contains(h.Hop)).Any(h => h.Status is not (HopStatus.Ok or HopStatus.Unchecked)))
            {
                return;
            }

            foreach (var (request, _) in ConcretePathRequests.For(snapshot, Now))
            {
                var decision = PathRequests.Decide(snapshot, request, Now);
                if (decision.Allowed == Tri.False)
                {
                    throw new HostileCases.Violation("a concrete request is denied on a path whose hops pass", $"{request.Description}: {string.Join("; ", decision.Checks.Where(c => c.NoDeny != Tri.True || c.Grant != Tri.True))}");
                }
            }
        });

    [Fact]
    public void A_request_hop_broken_by_a_policy_denies_one_of_its_concrete_requests() =>
        HostileCases.Check(Gen.Int[0, int.MaxValue], Cases, seed => $"seed {seed}", seed =>
        {
            var snapshot = SnapshotReader.Read(PathWorlds.Generate(seed).ToJsonString());
            var verdict = PathEvaluator.Evaluate(snapshot, Now);
            var broken = verdict.Hops.Where(h => DecidingHops.Contains(h.Hop) && h.Status == HopStatus.Breaks).ToList();

            // A disabled key or an AWS managed key used across accounts breaks the path without any policy saying so.
            if (broken.Count == 0 || broken.SelectMany(h => h.Findings).Any(f => f.Finding.Rule is RuleIds.KeyDisabled or RuleIds.AwsManagedKeyCrossAccount))
            {
                return;
            }

            // The concrete requests take both ends of every range a world's policies cut (now and after 2030, a fresh
            // and an almost expired URL), so the request the family judgement found denied is among them.
            if (!ConcretePathRequests.For(snapshot, Now).Any(r => PathRequests.Decide(snapshot, r.Request, Now).Allowed == Tri.False))
            {
                throw new HostileCases.Violation("a hop breaks but no concrete request is denied", string.Join("; ", broken.SelectMany(h => h.Findings).Select(f => $"{f.Hop}: {f.Finding.Rule} {f.Finding.Statement}")));
            }
        });

    [Fact]
    public void A_same_account_read_is_allowed_by_the_role_policy_alone()
    {
        var decision = Decide(World(), "s3:GetObject", "arn:aws:s3:::lake/sales/part-00000.parquet");

        Assert.Equal(Tri.True, decision.Allowed);
        Assert.All(decision.NotJudged, what => Assert.Contains("no organization section", what, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cross_account_bucket_without_a_grant_denies_implicitly()
    {
        var world = World();
        world["buckets"]!["lake"]!["account"] = PathWorlds.AccountB;

        var decision = Decide(world, "s3:GetObject", "arn:aws:s3:::lake/sales/part-00000.parquet");

        Assert.Equal(Tri.True, decision.NoDeny);
        Assert.Equal(Tri.False, decision.Granted);
    }

    [Fact]
    public void A_key_policy_that_delegates_to_the_account_needs_the_role_policy_too()
    {
        var world = World();
        world["roles"]![Role]!["inlinePolicies"] = new JsonObject { ["s3"] = Doc(Allow("s3:*", "*")) };

        var withoutKms = Decide(world, "kms:Decrypt", Key);
        world["roles"]![Role]!["inlinePolicies"] = new JsonObject { ["s3"] = Doc(Allow("s3:*", "*"), Allow("kms:Decrypt", "*")) };
        var withKms = Decide(world, "kms:Decrypt", Key);

        Assert.Equal(Tri.False, withoutKms.Allowed);
        Assert.Equal(Tri.True, withKms.Allowed);
    }

    [Fact]
    public void An_scp_level_without_an_allow_denies_and_a_missing_organization_is_not_judged()
    {
        var world = World();
        var decided = Decide(world, "glue:GetTable", $"arn:aws:glue:us-east-1:{PathWorlds.AccountA}:table/sales/orders");
        world["organization"] = new JsonObject
        {
            ["id"] = "o-abc123",
            ["managementAccount"] = PathWorlds.Management,
            ["serviceControlPolicies"] = new JsonObject { [PathWorlds.AccountA] = new JsonArray(new JsonArray(Doc(Allow("*", "*"))), new JsonArray(Doc(Allow("s3:*", "*")))) },
            ["resourceControlPolicies"] = new JsonObject(),
        };
        var capped = Decide(world, "glue:GetTable", $"arn:aws:glue:us-east-1:{PathWorlds.AccountA}:table/sales/orders");

        Assert.Equal(Tri.True, decided.Allowed);
        Assert.Contains(decided.NotJudged, what => what.Contains("service control policies", StringComparison.Ordinal));
        Assert.Equal(Tri.False, capped.Granted);
    }

    [Fact]
    public void A_request_the_reader_never_makes_is_refused()
    {
        var snapshot = SnapshotReader.Read(World().ToJsonString());

        Assert.Throws<ArgumentException>(() => PathRequests.Decide(snapshot, Request("sts:AssumeRole", Role), Now));
    }

    private static PathRequestDecision Decide(JsonObject world, string action, string resource) =>
        PathRequests.Decide(SnapshotReader.Read(world.ToJsonString()), Request(action, resource), Now);

    private static AccessRequest Request(string action, string resource)
    {
        var context = new RequestContext(
            [
                new("aws:PrincipalArn", ContextValue.Of(Role)),
                new("aws:PrincipalAccount", ContextValue.Of(PathWorlds.AccountA)),
                new("kms:ViaService", ContextValue.Of("s3.us-east-1.amazonaws.com")),
                new("kms:CallerAccount", ContextValue.Of(PathWorlds.AccountA)),
            ],
            fallback: ContextValue.Absent);
        return new AccessRequest(action, new ConcreteResource(resource), new RoleSessionPrincipal(RoleArn.Parse(Role), "session"), context, $"{action} on {resource}");
    }

    // One same-account table in an SSE-KMS bucket whose key delegates to the account; no organization.
    private static JsonObject World() => new()
    {
        ["spectrum"] = new JsonObject
        {
            ["roleChain"] = new JsonArray(Role),
            ["region"] = "us-east-1",
            ["tables"] = new JsonArray(new JsonObject { ["bucket"] = "lake", ["prefix"] = "sales/", ["catalogAccount"] = PathWorlds.AccountA, ["database"] = "sales", ["table"] = "orders" }),
        },
        ["roles"] = new JsonObject
        {
            [Role] = new JsonObject
            {
                ["inlinePolicies"] = new JsonObject { ["read"] = Doc(Allow("s3:*", "*"), Allow("glue:Get*", "*"), Allow("kms:Decrypt", "*")) },
                ["managedPolicies"] = new JsonObject(),
                ["permissionsBoundary"] = null,
            },
        },
        ["buckets"] = new JsonObject
        {
            ["lake"] = new JsonObject
            {
                ["account"] = PathWorlds.AccountA,
                ["policy"] = null,
                ["encryption"] = new JsonObject { ["algorithm"] = "aws:kms", ["kmsKeyArn"] = Key, ["bucketKeyEnabled"] = true },
                ["ownership"] = "BucketOwnerEnforced",
            },
        },
        ["keys"] = new JsonObject
        {
            [Key] = new JsonObject
            {
                ["policy"] = Doc(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{PathWorlds.AccountA}:root" }, ["Action"] = "kms:*", ["Resource"] = "*" }),
                ["state"] = "Enabled",
                ["awsManaged"] = false,
                ["grants"] = new JsonArray(),
            },
        },
        ["catalogs"] = new JsonObject { [PathWorlds.AccountA] = new JsonObject { ["resourcePolicy"] = null } },
    };

    private static JsonObject Allow(string action, string resource) => new() { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };

    private static JsonObject Doc(params JsonObject[] statements) => new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };
}
