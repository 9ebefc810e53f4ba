using System.Globalization;
using System.Text.Json.Nodes;

namespace Guardrail.Benchmarks;

/// <summary>
/// <see cref="RealisticPath"/> governed by Lake Formation: its location registered with a user-defined role (S3
/// reads and S3's kms:Decrypt), and a Lake Formation section of <c>permissions</c> grants as a shared catalog has
/// them (other roles' table, wildcard, column and LF-tag grants over 100 tables, the reader's SELECT among them) with
/// the LF-tags of every table. The verdict stays ok, so every hop, the registration role's included, does its work.
/// </summary>
internal static class RealisticLakeFormation
{
    public const string RegistrationRole = $"arn:aws:iam::{RealisticPath.Account}:role/lake-registration";

    public static string Text(int permissions)
    {
        var snapshot = JsonNode.Parse(RealisticPath.Text())!.AsObject();
        var account = RealisticPath.Account;
        snapshot["roles"]![RegistrationRole] = new JsonObject
        {
            ["trustPolicy"] = Doc(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "lakeformation.amazonaws.com" }, ["Action"] = "sts:AssumeRole" }),
            ["inlinePolicies"] = new JsonObject
            {
                ["lake-read"] = Doc(
                    new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:GetObject", "s3:GetObjectVersion"), ["Resource"] = "arn:aws:s3:::datalake/sales/*" },
                    new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = "arn:aws:s3:::datalake" },
                    new JsonObject { ["Effect"] = "Allow", ["Action"] = "kms:Decrypt", ["Resource"] = RealisticPath.Key, ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["kms:ViaService"] = "s3.us-east-1.amazonaws.com" } } }),
            },
            ["managedPolicies"] = new JsonObject(),
            ["permissionsBoundary"] = null,
            ["tags"] = new JsonObject(),
        };

        // The reader's own policies, its boundary and the analytics SCP allow Lake Formation's credentials too.
        var reader = snapshot["roles"]![RealisticPath.Role]!.AsObject();
        reader["inlinePolicies"]!["lake-formation"] = Doc(new JsonObject { ["Effect"] = "Allow", ["Action"] = "lakeformation:GetDataAccess", ["Resource"] = "*" });
        reader["permissionsBoundary"]!["Statement"]![0]!["Action"]!.AsArray().Add("lakeformation:GetDataAccess");
        snapshot["organization"]!["serviceControlPolicies"]![account]![2]![0]!["Statement"]![0]!["Action"]!.AsArray().Add("lakeformation:*");

        var grants = new JsonArray
        {
            Grant(RealisticPath.Role, Table("sales", "orders"), "SELECT", "DESCRIBE"),
            Grant(RealisticPath.Role, new JsonObject { ["lfTagPolicy"] = new JsonObject { ["resourceType"] = "TABLE", ["expression"] = new JsonArray(new JsonObject { ["tagKey"] = "domain", ["tagValues"] = new JsonArray("sales") }) } }, "SELECT"),
        };
        var tags = new JsonObject { ["sales"] = new JsonObject { ["domain"] = new JsonArray("sales") } };
        for (var i = 0; grants.Count < permissions; i++)
        {
            var role = $"arn:aws:iam::{account}:role/analyst-{i % 50}";
            var table = $"t{i % 100}";
            tags[$"sales/{table}"] = new JsonObject { ["domain"] = new JsonArray(i % 2 == 0 ? "sales" : "finance"), ["tier"] = new JsonArray($"t{i % 3}") };
            grants.Add((i % 4) switch
            {
                0 => Grant(role, Table("sales", table), "SELECT"),
                1 => Grant(role, new JsonObject { ["table"] = new JsonObject { ["database"] = $"db{i % 20}", ["tableWildcard"] = true } }, "SELECT", "DESCRIBE"),
                2 => Grant(role, new JsonObject { ["tableWithColumns"] = new JsonObject { ["database"] = "sales", ["name"] = table, ["columnNames"] = new JsonArray("id", "amount", "region") } }, "SELECT"),
                _ => Grant(role, new JsonObject { ["lfTagPolicy"] = new JsonObject { ["resourceType"] = "TABLE", ["expression"] = new JsonArray(new JsonObject { ["tagKey"] = "tier", ["tagValues"] = new JsonArray($"t{i % 3}") }) } }, "SELECT"),
            });
        }

        snapshot["lakeFormation"] = new JsonObject
        {
            [account] = new JsonObject
            {
                ["resources"] = new JsonArray(new JsonObject { ["resourceArn"] = "arn:aws:s3:::datalake/sales", ["roleArn"] = RegistrationRole, ["hybridAccessEnabled"] = false }),
                ["permissions"] = grants,
                ["resourceTags"] = tags,
                ["optIns"] = new JsonArray(),
            },
        };
        return snapshot.ToJsonString();
    }

    private static JsonObject Table(string database, string name) =>
        new() { ["table"] = new JsonObject { ["database"] = database, ["name"] = name } };

    private static JsonObject Grant(string principal, JsonObject resource, params string[] permissions) => new()
    {
        ["principal"] = principal,
        ["resource"] = resource,
        ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)JsonValue.Create(p.ToString(CultureInfo.InvariantCulture)))]),
    };

    private static JsonObject Doc(params JsonObject[] statements) =>
        new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };
}
