namespace Guardrail.Core.Policies;

/// <summary>
/// The value of a Principal element: either the bare string <c>"*"</c> or a map of principal types
/// (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) to values.
/// </summary>
public sealed record PrincipalSpec(bool IsBareWildcard, IReadOnlyList<PrincipalEntry> Entries)
{
    /// <summary>The bare <c>"*"</c> principal.</summary>
    public static PrincipalSpec Everyone { get; } = new(true, []);

    /// <summary>True for <c>"*"</c> and for <c>{"AWS": "*"}</c>: both mean every principal.</summary>
    public bool IsEveryone { get; } = IsBareWildcard || NamesEveryone(Entries);

    private static bool NamesEveryone(IReadOnlyList<PrincipalEntry> entries)
    {
        // By index: no enumerator for every statement's principal.
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is { Type: PrincipalTypes.Aws, Value: "*" })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One principal value with its type.</summary>
public sealed record PrincipalEntry(string Type, string Value);

/// <summary>The principal types a policy may name.</summary>
public static class PrincipalTypes
{
    public const string Aws = "AWS";
    public const string Service = "Service";
    public const string Federated = "Federated";
    public const string CanonicalUser = "CanonicalUser";

    public static readonly IReadOnlyList<string> All = [Aws, Service, Federated, CanonicalUser];
}
