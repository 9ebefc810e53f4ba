using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Guardrail.Aws.Collect;
using Guardrail.Aws.S3;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The restore facts as JSON, stored in a path's envelope beside its snapshot so that a known-good state holds all a
/// restore needs. An element left out was not read ("unknown"); <c>null</c> is "none", as in the snapshot.
/// </summary>
public static class PathFactsJson
{
    public static JsonObject ToJson(RestoreFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var roles = new JsonObject();
        foreach (var (arn, role) in facts.Roles.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var node = new JsonObject();
            if (role.PermissionsBoundary is { } boundary)
            {
                node["permissionsBoundary"] = boundary.Value;
            }

            if (role.AttachedPolicyArns is { } attached)
            {
                node["attachedPolicyArns"] = new JsonArray([.. attached.Select(a => (JsonNode)a)]);
            }

            node["defaultVersions"] = new JsonObject([.. role.DefaultVersions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]);
            roles[arn] = node;
        }

        var keys = new JsonObject();
        foreach (var (reference, key) in facts.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            keys[reference] = new JsonObject { ["keyId"] = key.KeyId, ["arn"] = key.Arn, ["state"] = key.State, ["awsManaged"] = key.AwsManaged };
        }

        var buckets = new JsonObject();
        foreach (var (name, bucket) in facts.Buckets.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var node = new JsonObject { ["account"] = bucket.Account };
            if (bucket.Encryption is { } encryption)
            {
                node["encryption"] = encryption.Value is { } e
                    ? new JsonObject { ["algorithm"] = e.Algorithm, ["kmsMasterKeyId"] = e.KmsMasterKeyId, ["bucketKeyEnabled"] = e.BucketKeyEnabled }
                    : null;
            }

            if (bucket.Ownership is { } ownership)
            {
                node["ownership"] = ownership.Value;
            }

            buckets[name] = node;
        }

        return new JsonObject { ["roles"] = roles, ["keys"] = keys, ["buckets"] = buckets };
    }

    /// <summary>Reads facts written by <see cref="ToJson"/>; an envelope without facts has none.</summary>
    /// <exception cref="InvalidDataException">The facts are not in the form written.</exception>
    public static RestoreFacts FromJson(JsonObject? json)
    {
        if (json is null)
        {
            return RestoreFacts.Empty;
        }

        try
        {
            var roles = Entries(json, "roles").ToImmutableSortedDictionary(
                r => r.Key,
                r => new RoleRestoreFacts(
                    r.Value.ContainsKey("permissionsBoundary") ? new Read<string?>(OptionalText(r.Value, "permissionsBoundary")) : null,
                    r.Value["attachedPolicyArns"]?.AsArray().Select(a => a?.GetValue<string>() ?? throw Malformed("attachedPolicyArns")).ToList(),
                    (r.Value["defaultVersions"] as JsonObject ?? []).ToImmutableSortedDictionary(v => v.Key, v => v.Value?.GetValue<string>() ?? throw Malformed("defaultVersions"), StringComparer.Ordinal)),
                StringComparer.Ordinal);
            var keys = Entries(json, "keys").ToImmutableSortedDictionary(
                k => k.Key,
                k => new KeyRestoreFacts(Text(k.Value, "keyId"), Text(k.Value, "arn"), Text(k.Value, "state"), Flag(k.Value, "awsManaged")),
                StringComparer.Ordinal);
            var buckets = Entries(json, "buckets").ToImmutableSortedDictionary(
                b => b.Key,
                b =>
                {
                    Read<DefaultEncryption?>? encryption = b.Value.ContainsKey("encryption")
                        ? new Read<DefaultEncryption?>(b.Value["encryption"] is JsonObject e ? new DefaultEncryption(Text(e, "algorithm"), OptionalText(e, "kmsMasterKeyId"), Flag(e, "bucketKeyEnabled")) : null)
                        : null;
                    Read<string?>? ownership = b.Value.ContainsKey("ownership") ? new Read<string?>(OptionalText(b.Value, "ownership")) : null;
                    return new BucketRestoreFacts(Text(b.Value, "account"), encryption, ownership);
                },
                StringComparer.Ordinal);
            return new RestoreFacts(roles, keys, buckets);
        }
        catch (InvalidOperationException e)
        {
            // A value of another JSON type than this version writes.
            throw Malformed(e.Message);
        }
    }

    private static IEnumerable<(string Key, JsonObject Value)> Entries(JsonObject parent, string name) =>
        (parent[name] as JsonObject ?? []).Select(p => (p.Key, p.Value as JsonObject ?? throw Malformed($"{name}.{p.Key}")));

    private static string Text(JsonObject node, string name) => node[name]?.GetValue<string>() ?? throw Malformed(name);

    private static string? OptionalText(JsonObject node, string name) => node[name]?.GetValue<string>();

    private static bool Flag(JsonObject node, string name) => node[name]?.GetValue<bool>() ?? throw Malformed(name);

    private static InvalidDataException Malformed(string what) =>
        new($"the stored restore facts are not in the form this version writes ({what})");
}
