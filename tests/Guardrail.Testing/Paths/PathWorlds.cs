using System.Text.Json.Nodes;

namespace Guardrail.Testing.Paths;

/// <summary>
/// Random but realistic access-path snapshots (issue 9's schema) for property tests, the differential and the
/// benchmarks: one or two accounts, chains of one or two roles, one or two tables, SSE-S3 or SSE-KMS buckets,
/// boundaries, SCP and RCP levels, drawn from a pool of statements that real policies use. A world is a function
/// of its seed, so a failing case names the seed that reproduces it.
/// </summary>
public static class PathWorlds
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";
    public const string Management = "999999999999";
    public const string Region = "us-east-1";

    private static readonly string[] Accounts = [AccountA, AccountB];

    /// <summary>The snapshot of world <paramref name="seed"/>.</summary>
    public static JsonObject Generate(int seed)
    {
        var random = new Random(seed);
        var readerAccount = AccountA;
        var chain = random.Next(4) == 0
            ? new[] { $"arn:aws:iam::{Pick(random, Accounts)}:role/redshift-hop", $"arn:aws:iam::{readerAccount}:role/spectrum" }
            : new[] { $"arn:aws:iam::{readerAccount}:role/spectrum" };
        var reader = chain[^1];
        var serverless = random.Next(3) == 0;
        var spectrum = new JsonObject
        {
            ["roleChain"] = new JsonArray([.. chain.Select(c => (JsonNode)c)]),
            ["region"] = Region,
        };
        if (random.Next(6) != 0)
        {
            spectrum["cluster"] = new JsonObject
            {
                ["kind"] = serverless ? "serverless" : "provisioned",
                ["iamRoles"] = random.Next(8) == 0 ? new JsonArray("arn:aws:iam::111122223333:role/other") : new JsonArray(chain[0]),
                ["vpcEndpoints"] = serverless ? new JsonArray("vpce-1a2b3c4d") : new JsonArray(),
            };
        }

        var buckets = new JsonObject();
        var keys = new JsonObject();
        var tables = new JsonArray();
        var bucketCount = 1 + random.Next(2);
        for (var b = 0; b < bucketCount; b++)
        {
            var name = b == 0 ? "lake" : "archive";
            var account = random.Next(3) == 0 ? AccountB : AccountA;
            tables.Add(new JsonObject
            {
                ["bucket"] = name,
                ["prefix"] = b == 0 ? "sales/" : "logs/2026/",
                ["catalogAccount"] = random.Next(3) == 0 ? AccountB : AccountA,
                ["database"] = "sales",
                ["table"] = b == 0 ? "orders" : "logs",
            });
            var keyArn = $"arn:aws:kms:{Region}:{account}:key/{(b == 0 ? "1234abcd-12ab-34cd-56ef-1234567890ab" : "0987dcba-09fe-87dc-65ba-ab0987654321")}";
            var kms = random.Next(2) == 0;
            buckets[name] = new JsonObject
            {
                ["account"] = account,
                ["policy"] = random.Next(4) == 0 ? null : Policy(random, BucketStatements(name, reader, account), 1, 3),
                ["encryption"] = kms
                    ? new JsonObject { ["algorithm"] = "aws:kms", ["kmsKeyArn"] = keyArn, ["bucketKeyEnabled"] = random.Next(2) == 0 }
                    : new JsonObject { ["algorithm"] = "AES256" },
                ["ownership"] = Pick(random, ["BucketOwnerEnforced", "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]),
            };
            if (kms)
            {
                var awsManaged = random.Next(6) == 0;
                keys[keyArn] = new JsonObject
                {
                    ["policy"] = Policy(random, KeyStatements(reader, account), 1, 3),
                    ["state"] = random.Next(8) == 0 ? Pick(random, ["Disabled", "PendingDeletion"]) : "Enabled",
                    ["awsManaged"] = awsManaged,
                    ["grants"] = random.Next(3) == 0
                        ? new JsonArray(new JsonObject { ["granteePrincipal"] = reader, ["operations"] = new JsonArray("Decrypt"), ["constraints"] = null })
                        : new JsonArray(),
                };
            }
        }

        spectrum["tables"] = tables;
        var roles = new JsonObject();
        foreach (var role in chain.Distinct())
        {
            var previous = Array.IndexOf(chain, role) is var at and > 0 ? chain[at - 1] : null;
            roles[role] = new JsonObject
            {
                ["trustPolicy"] = Trust(random, previous),
                ["inlinePolicies"] = new JsonObject { ["spectrum-access"] = Policy(random, IdentityStatements(), 1, 4) },
                ["managedPolicies"] = random.Next(2) == 0
                    ? new JsonObject { ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] = Doc(Allow(["s3:Get*", "s3:List*"], ["*"])) }
                    : new JsonObject(),
                ["permissionsBoundary"] = random.Next(4) == 0 ? Policy(random, IdentityStatements(), 1, 3) : null,
                ["tags"] = new JsonObject(),
            };
        }

        var snapshot = new JsonObject
        {
            ["spectrum"] = spectrum,
            ["roles"] = roles,
            ["buckets"] = buckets,
            ["keys"] = keys,
            ["catalogs"] = new JsonObject
            {
                [AccountA] = new JsonObject { ["resourcePolicy"] = random.Next(2) == 0 ? null : Policy(random, CatalogStatements(reader), 1, 2) },
                [AccountB] = new JsonObject { ["resourcePolicy"] = random.Next(2) == 0 ? null : Policy(random, CatalogStatements(reader), 1, 2) },
            },
        };
        if (random.Next(3) != 0)
        {
            snapshot["organization"] = Organization(random);
        }

        return snapshot;
    }

    /// <summary>The world with one Allow statement removed from one of its documents (the same world when it has none).</summary>
    public static JsonObject WithoutOneAllow(JsonObject world, int seed)
    {
        var copy = (JsonObject)world.DeepClone();
        var allows = Statements(copy).Where(s => s.Statement["Effect"]!.GetValue<string>() == "Allow").ToList();
        if (allows.Count > 0)
        {
            var (list, statement) = allows[new Random(seed).Next(allows.Count)];
            if (list.Count > 1)
            {
                list.Remove(statement);
            }
            else
            {
                // A policy needs a statement: an allow of an action Spectrum never makes is the same as none.
                statement["Action"] = "sts:TagSession";
            }
        }

        return copy;
    }

    /// <summary>The world with one Deny statement from the pool added to one of its documents.</summary>
    public static JsonObject WithOneMoreDeny(JsonObject world, int seed)
    {
        var copy = (JsonObject)world.DeepClone();
        var random = new Random(seed);
        var documents = Statements(copy).Select(s => s.List).Distinct().ToList();
        if (documents.Count == 0)
        {
            return copy;
        }

        var target = documents[random.Next(documents.Count)];
        var needsPrincipal = target.Any(s => s!["Principal"] is not null);
        if (target.All(s => s!["Resource"] is null))
        {
            // A trust policy: IAM forbids Resource there.
            target.Add(new JsonObject { ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "sts:AssumeRole" });
            return copy;
        }

        JsonObject[] denies =
        [
            Deny(["s3:GetObject"], ["*"], needsPrincipal),
            Deny(["kms:Decrypt"], ["*"], needsPrincipal),
            Deny(["glue:GetTable"], ["*"], needsPrincipal),
            Deny(["s3:*"], ["*"], needsPrincipal, new JsonObject { ["StringNotEquals"] = new JsonObject { ["aws:SourceVpce"] = "vpce-1a2b3c4d" } }),
            Deny(["sts:AssumeRole"], ["*"], needsPrincipal),
            Deny(["*"], ["*"], needsPrincipal, new JsonObject { ["StringNotEqualsIfExists"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-abc123" } }),
        ];
        target.Add(denies[random.Next(denies.Length)]);
        return copy;
    }

    /// <summary>Every statement list of every document in the world (trust policies included).</summary>
    public static IEnumerable<(JsonArray List, JsonNode Statement)> Statements(JsonObject world)
    {
        foreach (var document in Documents(world))
        {
            if (document["Statement"] is JsonArray list)
            {
                foreach (var statement in list.ToList())
                {
                    yield return (list, statement!);
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Documents(JsonObject world)
    {
        foreach (var (_, role) in world["roles"]!.AsObject())
        {
            foreach (var name in new[] { "trustPolicy", "permissionsBoundary" })
            {
                if (role![name] is JsonObject document)
                {
                    yield return document;
                }
            }

            foreach (var group in new[] { "inlinePolicies", "managedPolicies" })
            {
                foreach (var (_, document) in role![group]!.AsObject())
                {
                    yield return document!.AsObject();
                }
            }
        }

        foreach (var (_, bucket) in world["buckets"]!.AsObject())
        {
            if (bucket!["policy"] is JsonObject policy)
            {
                yield return policy;
            }
        }

        foreach (var (_, key) in world["keys"]!.AsObject())
        {
            yield return key!["policy"]!.AsObject();
        }

        foreach (var (_, catalog) in world["catalogs"]!.AsObject())
        {
            if (catalog!["resourcePolicy"] is JsonObject policy)
            {
                yield return policy;
            }
        }

        if (world["organization"] is JsonObject organization)
        {
            foreach (var map in new[] { "serviceControlPolicies", "resourceControlPolicies" })
            {
                foreach (var (_, levels) in organization[map]!.AsObject())
                {
                    foreach (var level in levels!.AsArray())
                    {
                        foreach (var document in level!.AsArray())
                        {
                            yield return document!.AsObject();
                        }
                    }
                }
            }
        }
    }

    private static JsonObject Organization(Random random)
    {
        JsonNode Scps() => new JsonArray(
            new JsonArray(Doc(Allow(["*"], ["*"]))),
            random.Next(4) == 0 ? new JsonArray(Doc(Allow(["*"], ["*"])), Doc(Deny(["s3:*"], ["*"], false, new JsonObject { ["StringNotEqualsIfExists"] = new JsonObject { ["aws:SourceVpc"] = "vpc-0a1b2c3d" } }))) : new JsonArray(Doc(Allow(["*"], ["*"]))),
            random.Next(6) == 0 ? new JsonArray(Doc(Allow(["s3:*", "sts:*"], ["*"]))) : new JsonArray(Doc(Allow(["*"], ["*"]))));
        JsonNode Rcps() => new JsonArray(
            random.Next(4) == 0
                ? new JsonArray(Doc(Allow(["*"], ["*"], true)), Doc(Deny(["s3:*", "kms:*", "sts:*"], ["*"], true, new JsonObject { ["StringNotEqualsIfExists"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-abc123" }, ["BoolIfExists"] = new JsonObject { ["aws:PrincipalIsAWSService"] = "false" } })))
                : new JsonArray(Doc(Allow(["*"], ["*"], true))));
        var scps = new JsonObject();
        var rcps = new JsonObject();
        foreach (var account in Accounts)
        {
            if (random.Next(8) != 0)
            {
                scps[account] = Scps();
            }

            rcps[account] = Rcps();
        }

        return new JsonObject
        {
            ["id"] = "o-abc123",
            ["managementAccount"] = random.Next(8) == 0 ? AccountA : Management,
            ["serviceControlPolicies"] = scps,
            ["resourceControlPolicies"] = rcps,
        };
    }

    private static JsonObject Trust(Random random, string? previous)
    {
        var principal = previous is null
            ? new JsonObject { ["Service"] = random.Next(3) == 0 ? new JsonArray("redshift.amazonaws.com", "redshift-serverless.amazonaws.com") : new JsonArray("redshift.amazonaws.com") }
            : new JsonObject { ["AWS"] = previous };
        var statements = new List<JsonObject> { new() { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = "sts:AssumeRole" } };
        if (random.Next(8) == 0)
        {
            statements.Clear();
            statements.Add(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "glue.amazonaws.com" }, ["Action"] = "sts:AssumeRole" });
        }

        return Doc([.. statements]);
    }

    private static JsonObject[] IdentityStatements() =>
    [
        Allow(["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*", "arn:aws:s3:::archive", "arn:aws:s3:::archive/*"]),
        Allow(["s3:*"], ["*"]),
        Allow(["s3:GetObject"], ["arn:aws:s3:::lake/sales/*"]),
        Allow(["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"], ["*"]),
        Allow(["kms:Decrypt"], ["*"]),
        Allow(["*"], ["*"]),
        Allow(["s3:GetObject"], ["*"], false, new JsonObject { ["DateLessThan"] = new JsonObject { ["aws:CurrentTime"] = "2030-01-01T00:00:00Z" } }),
        Deny(["s3:DeleteObject"], ["*"], false),
        Deny(["s3:GetObject"], ["arn:aws:s3:::lake/secret/*"], false),
    ];

    private static JsonObject[] BucketStatements(string bucket, string reader, string account) =>
    [
        Allow(["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], [$"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"], principal: reader),
        Allow(["s3:GetObject", "s3:List*"], [$"arn:aws:s3:::{bucket}/*"], principal: reader),
        Allow(["s3:*"], [$"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"], principal: $"arn:aws:iam::{AccountA}:root"),
        Deny(["s3:*"], [$"arn:aws:s3:::{bucket}/*"], true, new JsonObject { ["StringEquals"] = new JsonObject { ["s3:authType"] = "REST-QUERY-STRING" } }),
        Deny(["s3:*"], [$"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"], true, new JsonObject { ["NumericGreaterThan"] = new JsonObject { ["s3:signatureAge"] = "600000" } }),
        Deny(["s3:*"], [$"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"], true, new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "false" } }),
        Deny(["s3:PutObject"], [$"arn:aws:s3:::{bucket}/*"], true),
        Allow(["s3:GetObject"], [$"arn:aws:s3:::{bucket}/*"], principal: account == AccountA ? reader : "*", condition: new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-abc123" } }),
    ];

    private static JsonObject[] KeyStatements(string reader, string keyAccount) =>
    [
        Allow(["kms:*"], ["*"], principal: $"arn:aws:iam::{keyAccount}:root"),
        Allow(["kms:Decrypt"], ["*"], principal: reader),
        Allow(["kms:Decrypt", "kms:DescribeKey"], ["*"], principal: $"arn:aws:iam::{AccountA}:root"),
        Allow(["kms:Decrypt"], ["*"], principal: "*", condition: new JsonObject { ["StringEquals"] = new JsonObject { ["kms:CallerAccount"] = keyAccount, ["kms:ViaService"] = $"s3.{Region}.amazonaws.com" } }),
        Deny(["kms:Decrypt"], ["*"], true, new JsonObject { ["StringNotEquals"] = new JsonObject { ["kms:ViaService"] = $"s3.{Region}.amazonaws.com" } }),
        Deny(["kms:ScheduleKeyDeletion"], ["*"], true),
    ];

    private static JsonObject[] CatalogStatements(string reader) =>
    [
        Allow(["glue:Get*"], [$"arn:aws:glue:{Region}:*:catalog", $"arn:aws:glue:{Region}:*:database/*", $"arn:aws:glue:{Region}:*:table/*"], principal: reader),
        Allow(["glue:*"], ["*"], principal: $"arn:aws:iam::{AccountA}:root"),
        Deny(["glue:GetPartitions"], ["*"], true),
        Deny(["glue:DeleteTable"], ["*"], true),
    ];

    private static JsonObject Policy(Random random, JsonObject[] pool, int min, int max)
    {
        var count = min + random.Next(max - min + 1);
        var chosen = pool.OrderBy(_ => random.Next()).Take(count).Select(s => (JsonObject)s.DeepClone()).ToArray();
        return Doc(chosen);
    }

    private static JsonObject Doc(params JsonObject[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. statements]),
    };

    private static JsonObject Allow(string[] actions, string[] resources, bool everyone = false, JsonObject? condition = null, string? principal = null) =>
        Statement("Allow", actions, resources, everyone ? "*" : principal, condition);

    private static JsonObject Deny(string[] actions, string[] resources, bool everyone, JsonObject? condition = null) =>
        Statement("Deny", actions, resources, everyone ? "*" : null, condition);

    private static JsonObject Statement(string effect, string[] actions, string[] resources, string? principal, JsonObject? condition)
    {
        var statement = new JsonObject
        {
            ["Effect"] = effect,
            ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]),
            ["Resource"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
        };
        if (principal is not null)
        {
            statement["Principal"] = principal == "*" ? "*" : new JsonObject { ["AWS"] = principal };
        }

        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
