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
            var roles = (json["roles"]?.AsObject() ?? []).ToImmutableSortedDictionary(
                r => r.Key,
                r =>
                {
                    var node = r.Value!.AsObject();
                    return new RoleRestoreFacts(
                        node.ContainsKey("permissionsBoundary") ? new Read<string?>(node["permissionsBoundary"]?.GetValue<string>()) : null,
                        node["attachedPolicyArns"]?.AsArray().Select(a => a!.GetValue<string>()).ToList(),
                        (node["defaultVersions"]?.AsObject() ?? []).ToImmutableSortedDictionary(v => v.Key, v => v.Value!.GetValue<string>(), StringComparer.Ordinal));
                },
                StringComparer.Ordinal);
            var keys = (json["keys"]?.AsObject() ?? []).ToImmutableSortedDictionary(
                k => k.Key,
                k => new KeyRestoreFacts(k.Value!["keyId"]!.GetValue<string>(), k.Value["arn"]!.GetValue<string>(), k.Value["state"]!.GetValue<string>(), k.Value["awsManaged"]!.GetValue<bool>()),
                StringComparer.Ordinal);
            var buckets = (json["buckets"]?.AsObject() ?? []).ToImmutableSortedDictionary(
                b => b.Key,
                b =>
                {
                    var node = b.Value!.AsObject();
                    Read<DefaultEncryption?>? encryption = node.ContainsKey("encryption")
                        ? new Read<DefaultEncryption?>(node["encryption"] is JsonObject e ? new DefaultEncryption(e["algorithm"]!.GetValue<string>(), e["kmsMasterKeyId"]?.GetValue<string>(), e["bucketKeyEnabled"]!.GetValue<bool>()) : null)
                        : null;
                    Read<string?>? ownership = node.ContainsKey("ownership") ? new Read<string?>(node["ownership"]?.GetValue<string>()) : null;
                    return new BucketRestoreFacts(node["account"]!.GetValue<string>(), encryption, ownership);
                },
                StringComparer.Ordinal);
            return new RestoreFacts(roles, keys, buckets);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InvalidDataException($"the stored restore facts are not in the form this version writes: {e.Message}", e);
        }
    }
}
