using System.Text.Json.Nodes;

namespace Guardrail.Testing.Paths;

/// <summary>
/// The snapshot of bench/paths/deny-heavy-snapshot.py, built in process: a role whose one inline policy holds
/// <c>count</c> conditional denies on a tag the guardrail cannot know (each may apply, so each is a finding on the
/// identity hop) and an allow of everything; or, <c>inBucketPolicy</c>, the same denies (to everyone) in the bucket
/// policy, each a finding of the bucket hop. Tests and benchmarks of the capped report use it.
/// </summary>
public static class DenyHeavySnapshot
{
    public const string Role = "arn:aws:iam::111122223333:role/spectrum";

    /// <summary>The snapshot's JSON text.</summary>
    public static string Json(int count, bool inBucketPolicy = false)
    {
        var denies = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var deny = new JsonObject
            {
                ["Sid"] = $"D{i}",
                ["Effect"] = "Deny",
                ["Action"] = "s3:GetObject",
                ["Resource"] = "arn:aws:s3:::lake/sales/*",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalTag/team"] = $"t{i}" } },
            };
            if (inBucketPolicy)
            {
                deny["Principal"] = "*";
            }

            denies.Add(deny);
        }

        var statements = inBucketPolicy ? new JsonArray() : denies;
        statements.Add(new JsonObject { ["Effect"] = "Allow", ["Action"] = "s3:*", ["Resource"] = "*" });
        var snapshot = new JsonObject
        {
            ["spectrum"] = new JsonObject
            {
                ["roleChain"] = new JsonArray(Role),
                ["region"] = "us-east-1",
                ["cluster"] = new JsonObject { ["kind"] = "provisioned", ["iamRoles"] = new JsonArray(Role) },
                ["tables"] = new JsonArray(new JsonObject { ["bucket"] = "lake", ["prefix"] = "sales/" }),
            },
            ["roles"] = new JsonObject
            {
                [Role] = new JsonObject
                {
                    ["trustPolicy"] = JsonNode.Parse("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"""),
                    ["inlinePolicies"] = new JsonObject { ["big"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements } },
                    ["managedPolicies"] = new JsonObject(),
                    ["permissionsBoundary"] = null,
                },
            },
            ["buckets"] = new JsonObject
            {
                ["lake"] = new JsonObject
                {
                    ["account"] = "111122223333",
                    ["policy"] = inBucketPolicy ? new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = denies } : null,
                    ["encryption"] = new JsonObject { ["algorithm"] = "AES256" },
                    ["ownership"] = "BucketOwnerEnforced",
                },
            },
        };
        return snapshot.ToJsonString();
    }
}
