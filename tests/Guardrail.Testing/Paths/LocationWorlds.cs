using System.Text.Json.Nodes;

namespace Guardrail.Testing.Paths;

/// <summary>
/// <see cref="PathWorlds"/> with many table locations and the patterns that can tell them apart: overlapping
/// prefixes (<c>a/</c>, <c>a/b/</c>, <c>ab/</c>, a prefix holding <c>*</c> or <c>?</c>, another case), Resource and
/// NotResource patterns with wildcards at every position, <c>s3:prefix</c> conditions under every string operator,
/// S3's encryption context in the key policy, and Glue table ARNs. A world is a function of its seed.
/// </summary>
public static class LocationWorlds
{
    private static readonly string[] Pieces = ["a", "b", "A", "/", "*", "?", "x", "ab", "a/"];

    // Table locations and names are plain keys (the snapshot refuses wildcards in them); patterns use every piece.
    private static readonly string[] KeyPieces = ["a", "b", "A", "/", "x", "ab", "a/"];

    private static readonly string[] Operators =
        ["StringLike", "StringNotLike", "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLikeIfExists", "ForAnyValue:StringLike"];

    /// <summary>The snapshot of world <paramref name="seed"/>.</summary>
    public static JsonObject Generate(int seed)
    {
        var random = new Random(seed);
        var world = PathWorlds.Generate(seed);
        var spectrum = world["spectrum"]!.AsObject();
        var first = spectrum["tables"]!.AsArray()[0]!.AsObject();
        var tables = new JsonArray();
        var count = 2 + random.Next(14);
        for (var i = 0; i < count; i++)
        {
            tables.Add(new JsonObject
            {
                ["bucket"] = "lake",
                ["prefix"] = Text(random, 1, 4, KeyPieces).Replace("//", "/", StringComparison.Ordinal).TrimStart('/') + "x/",
                ["catalogAccount"] = first["catalogAccount"]!.GetValue<string>(),
                ["database"] = "sales",
                ["table"] = random.Next(3) == 0 ? $"t{i}" : Text(random, 1, 3, KeyPieces).Replace("/", "_", StringComparison.Ordinal),
            });
        }

        spectrum["tables"] = tables;
        var reader = spectrum["roleChain"]!.AsArray()[^1]!.GetValue<string>();
        var catalogAccount = first["catalogAccount"]!.GetValue<string>();
        var role = world["roles"]![reader]!.AsObject();
        role["inlinePolicies"]!.AsObject()["locations"] = Document(random, () => IdentityStatement(random, catalogAccount), 1, 5);
        var bucket = world["buckets"]!["lake"]!.AsObject();
        if (bucket["policy"] is JsonObject policy)
        {
            var statements = policy["Statement"]!.AsArray();
            for (var i = random.Next(3); i > 0; i--)
            {
                statements.Add(BucketStatement(random));
            }
        }

        if (bucket["encryption"]?["kmsKeyArn"]?.GetValue<string>() is { } keyArn && world["keys"]![keyArn] is JsonObject key)
        {
            key["policy"]!["Statement"]!.AsArray().Add(KeyStatement(random));
        }

        return world;
    }

    private static JsonObject IdentityStatement(Random random, string catalogAccount) => random.Next(5) switch
    {
        0 => Statement(random, "s3:GetObject", "arn:aws:s3:::lake/" + Text(random, 0, 4)),
        1 => Statement(random, "s3:GetObject", "arn:aws:s3:::" + Text(random, 0, 2) + "*" + Text(random, 0, 2)),
        2 => Conditioned(random, Statement(random, "s3:ListBucket", "arn:aws:s3:::lake"), "s3:prefix"),
        3 => Statement(random, "glue:GetTable", $"arn:aws:glue:{PathWorlds.Region}:{catalogAccount}:table/sales/{Text(random, 0, 3)}"),
        _ => Statement(random, random.Next(2) == 0 ? "s3:*" : "s3:Get*", "arn:aws:s3:::lake/" + Text(random, 0, 3) + "*"),
    };

    private static JsonObject BucketStatement(Random random)
    {
        var statement = random.Next(2) == 0
            ? Statement(random, "s3:GetObject", "arn:aws:s3:::lake/" + Text(random, 0, 4), effect: "Deny")
            : Conditioned(random, Statement(random, "s3:ListBucket", "arn:aws:s3:::lake", effect: "Deny"), "s3:prefix");
        statement["Principal"] = "*";
        return statement;
    }

    private static JsonObject KeyStatement(Random random)
    {
        var statement = new JsonObject { ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "kms:Decrypt", ["Resource"] = "*" };
        return Conditioned(random, statement, "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::lake/");
    }

    /// <summary>A statement on one action; NotResource instead of Resource one time in four.</summary>
    private static JsonObject Statement(Random random, string action, string resource, string? effect = null) => new()
    {
        ["Effect"] = effect ?? (random.Next(3) == 0 ? "Deny" : "Allow"),
        ["Action"] = action,
        [random.Next(4) == 0 ? "NotResource" : "Resource"] = resource,
    };

    private static JsonObject Conditioned(Random random, JsonObject statement, string key, string head = "")
    {
        var values = new JsonArray();
        for (var i = 1 + random.Next(2); i > 0; i--)
        {
            values.Add(head + Text(random, 0, 4));
        }

        statement["Condition"] = new JsonObject { [Operators[random.Next(Operators.Length)]] = new JsonObject { [key] = values } };
        return statement;
    }

    private static JsonObject Document(Random random, Func<JsonObject> statement, int min, int max)
    {
        var statements = new JsonArray();
        for (var i = min + random.Next(max - min + 1); i > 0; i--)
        {
            statements.Add(statement());
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements };
    }

    private static string Text(Random random, int min, int max, string[]? pieces = null)
    {
        pieces ??= Pieces;
        var builder = new System.Text.StringBuilder();
        for (var i = min + random.Next(max - min + 1); i > 0; i--)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }
}
