using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Testing.Paths;

namespace Guardrail.Differential;

/// <summary>
/// The whole-path differential's export: for generated worlds (<see cref="PathWorlds"/>), every concrete request the
/// reading role's session makes (S3, Glue, and S3's kms:Decrypt on its behalf), our decision for it by the path's
/// rules (<see cref="PathRequests.Decide"/>), and the documents iam-simulate needs to decide it: the role's inline
/// and managed policies, its boundary, the SCP levels of its account, the RCP levels of the resource's account and
/// the resource's policy — exactly the ones our side judged (what the snapshot lacks is given to neither side).
/// </summary>
internal static class PathExport
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static int Run(string output, int worlds)
    {
        var items = new JsonArray();
        var grantRequests = 0;
        for (var seed = 0; seed < worlds; seed++)
        {
            var world = PathWorlds.Generate(seed);
            var snapshot = SnapshotReader.Read(world.ToJsonString());
            foreach (var (request, context) in ConcretePathRequests.For(snapshot, Now))
            {
                var arn = ((ConcreteResource)request.Resource).Arn;
                if (request.Action.StartsWith("kms:", StringComparison.Ordinal) && world["keys"]![arn]!["grants"]!.AsArray().Count > 0)
                {
                    // iam-simulate has no KMS grants: a world where one may decide is not comparable.
                    grantRequests++;
                    continue;
                }

                items.Add(Item(seed, world, snapshot, request, context, arn));
            }
        }

        File.WriteAllText(output, items.ToJsonString());
        Console.WriteLine($"exported {items.Count} concrete requests of {worlds} worlds to {output}; {grantRequests} kms:Decrypt requests left out because the key has a grant (iam-simulate does not model KMS grants)");
        return 0;
    }

    private static JsonObject Item(int seed, JsonObject world, PathSnapshot snapshot, AccessRequest request, IReadOnlyDictionary<string, IReadOnlyList<string>> context, string arn)
    {
        var reader = snapshot.Spectrum.ReadingRole;
        var service = request.Action.Split(':')[0];
        var (account, resourcePolicy) = service switch
        {
            "s3" => Bucket(world, arn),
            "glue" => (arn.Split(':')[4], world["catalogs"]![arn.Split(':')[4]]!["resourcePolicy"]),
            _ => (arn.Split(':')[4], world["keys"]![arn]!["policy"]),
        };
        var role = world["roles"]![reader.Arn]!.AsObject();
        var identity = new JsonArray();
        foreach (var (name, policy) in role["inlinePolicies"]!.AsObject().Concat(role["managedPolicies"]!.AsObject()))
        {
            identity.Add(Named(name, policy));
        }

        var decision = PathRequests.Decide(snapshot, request, Now);
        var item = new JsonObject
        {
            ["id"] = $"world {seed}: {request.Description}",
            ["kind"] = "path",
            ["identityPolicies"] = identity,
            ["permissionBoundaryPolicies"] = role["permissionsBoundary"] is JsonObject boundary ? new JsonArray(Named("boundary", boundary)) : new JsonArray(),
            ["serviceControlPolicies"] = Levels(world, "serviceControlPolicies", reader.AccountId),

            // RCPs apply to S3 and KMS, not to Glue (the catalog hop applies none), nor to AWS managed keys.
            ["resourceControlPolicies"] = service == "glue" || (service == "kms" && world["keys"]![arn]!["awsManaged"]!.GetValue<bool>())
                ? new JsonArray()
                : Levels(world, "resourceControlPolicies", account),
            ["request"] = new JsonObject
            {
                ["action"] = request.Action,
                ["resource"] = arn,
                ["resourceAccount"] = account,
                ["principal"] = ((RoleSessionPrincipal)request.Principal).SessionArn,
                ["context"] = Context(context),
            },
            ["ours"] = Text(decision),
            ["oursWhy"] = new JsonArray([.. decision.Checks.Where(c => c.NoDeny != Tri.True || c.Grant != Tri.True).Select(c => (JsonNode)$"{c.Control}: {(c.NoDeny == Tri.False ? "denies" : c.Grant == Tri.False ? "does not grant" : "unknown")}")]),
        };
        if (resourcePolicy is JsonObject document)
        {
            item["policy"] = document.DeepClone();
        }

        return item;
    }

    private static (string Account, JsonNode? Policy) Bucket(JsonObject world, string arn)
    {
        var bucket = world["buckets"]![arn.Split(":::", 2)[1].Split('/')[0]]!;
        return (bucket["account"]!.GetValue<string>(), bucket["policy"]);
    }

    // As the path's organization levels: none in the management account or for an account the snapshot lacks.
    private static JsonArray Levels(JsonObject world, string kind, string account)
    {
        var levels = new JsonArray();
        if (world["organization"] is not JsonObject org || org["managementAccount"]?.GetValue<string>() == account || org[kind]?[account] is not JsonArray list)
        {
            return levels;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var policies = new JsonArray();
            foreach (var (policy, j) in list[i]!.AsArray().Select((p, j) => (p!.AsObject(), j)))
            {
                var document = kind == "resourceControlPolicies" ? DenyOnly(policy) : policy;
                if (document is not null)
                {
                    policies.Add(Named($"level {i + 1} #{j + 1}", document));
                }
            }

            levels.Add(new JsonObject { ["orgIdentifier"] = i == 0 ? "r-root" : i == list.Count - 1 ? account : $"ou-level-{i}", ["policies"] = policies });
        }

        return levels;
    }

    // An RCP a customer writes may only deny; AWS attaches RCPFullAWSAccess (allow everything) at every level, and
    // iam-simulate adds it itself and rejects allows. The worlds' allow-everything RCPs are that one: left to it.
    private static JsonObject? DenyOnly(JsonObject policy)
    {
        var statements = policy["Statement"]!.AsArray();
        if (statements.Any(s => s!["Effect"]!.GetValue<string>() == "Allow" && !(Everything(s["Action"]) && Everything(s["Resource"]) && s["Condition"] is null)))
        {
            throw new InvalidOperationException("an RCP allows less than everything: iam-simulate cannot be given it");
        }

        var denies = statements.Where(s => s!["Effect"]!.GetValue<string>() == "Deny").Select(s => s!.DeepClone()).ToArray();
        if (denies.Length == 0)
        {
            return null;
        }

        var copy = policy.DeepClone().AsObject();
        copy["Statement"] = new JsonArray(denies);
        return copy;
    }

    private static bool Everything(JsonNode? element) => element?.ToJsonString() is "\"*\"" or "[\"*\"]";

    private static JsonObject Named(string name, JsonNode? policy) => new() { ["name"] = name, ["policy"] = policy!.DeepClone() };

    private static JsonObject Context(IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var json = new JsonObject();
        foreach (var (key, values) in context)
        {
            json[key] = values.Count == 1 ? values[0] : new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }

        return json;
    }

    private static string Text(PathRequestDecision decision) => (decision.NoDeny, decision.Granted) switch
    {
        (Tri.False, _) => "deny",
        (Tri.True, Tri.True) => "allow",
        (Tri.True, Tri.False) => "implicit",
        _ => "unknown",
    };
}
