using System.Text.Json.Nodes;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The Lake Formation grants a path's known-good state had and its live state lacks, in one account's catalog: what
/// an <c>lf-permissions</c> restore grants back. Decided on the two states alone, never on the revoke's request (an
/// event's copy of what was revoked is only a hint): a grant the known-good state did not have is never made, and
/// one the live state still has is not made again.
/// </summary>
internal static class LakeFormationGrants
{
    /// <summary>One grant to make: <paramref name="Permissions"/> to <paramref name="Principal"/> on <paramref name="Resource"/> (the snapshot's shape).</summary>
    public sealed record Missing(string Principal, JsonObject Resource, IReadOnlyList<string> Permissions);

    /// <exception cref="InvalidOperationException">Either state does not hold the account's permissions (they were not read).</exception>
    public static IReadOnlyList<Missing> Of(JsonNode? knownGood, JsonNode? live, string account)
    {
        var known = Permissions(knownGood, account, "known-good");
        var now = Permissions(live, account, "live");
        var missing = new List<Missing>();
        foreach (var grant in known)
        {
            var (principal, resource) = (Principal(grant), Resource(grant));
            var held = now.Where(g => Principal(g) == principal && JsonNode.DeepEquals(Resource(g), resource)).SelectMany(Names).ToHashSet(StringComparer.Ordinal);
            if (held.Contains("ALL"))
            {
                continue;
            }

            var lacking = Names(grant).Where(p => !held.Contains(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (lacking.Count > 0)
            {
                missing.Add(new Missing(principal, (JsonObject)resource.DeepClone(), lacking));
            }
        }

        return missing;
    }

    private static IReadOnlyList<JsonObject> Permissions(JsonNode? section, string account, string which) =>
        section?[account]?["permissions"] is JsonArray permissions
            ? [.. permissions.Select(p => p as JsonObject ?? throw Unread(account, which))]
            : throw Unread(account, which);

    private static string Principal(JsonObject grant) => grant["principal"]?.GetValue<string>() ?? throw new InvalidOperationException("a Lake Formation grant of the state names no principal");

    private static JsonObject Resource(JsonObject grant) => grant["resource"] as JsonObject ?? throw new InvalidOperationException("a Lake Formation grant of the state names no resource");

    private static IEnumerable<string> Names(JsonObject grant) => (grant["permissions"] as JsonArray ?? []).Select(p => p?.GetValue<string>() ?? string.Empty);

    private static InvalidOperationException Unread(string account, string which) =>
        new($"nothing was restored: the {which} state does not hold the Lake Formation permissions of account {account}");
}
