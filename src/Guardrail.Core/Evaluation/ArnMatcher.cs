namespace Guardrail.Core.Evaluation;

/// <summary>
/// Matches ARNs against ARN patterns the way <c>ArnLike</c> and the Resource element do: the first five
/// colon-separated parts (arn, partition, service, region, account) are compared one by one, the rest
/// (the resource, which may itself contain colons) as a whole; wildcards never cross those boundaries.
/// Case-sensitive. A pattern (other than <c>*</c>) or value with fewer than six parts matches nothing.
/// </summary>
public static class ArnMatcher
{
    private const int Colons = 5;

    /// <summary>Whether <paramref name="arn"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(Glob pattern, string arn)
    {
        if (pattern.IsMatchAll)
        {
            return true;
        }

        Span<int> p = stackalloc int[Colons];
        Span<int> a = stackalloc int[Colons];
        if (!Colon(pattern.Pattern, p) || !Colon(arn, a))
        {
            return false;
        }

        ReadOnlySpan<char> patternText = pattern.Pattern;
        ReadOnlySpan<bool> mask = pattern.LiteralMask;
        var (ps, @as) = (0, 0);
        for (var i = 0; i <= Colons; i++)
        {
            var pe = i < Colons ? p[i] : patternText.Length;
            var ae = i < Colons ? a[i] : arn.Length;
            if (!Glob.Match(patternText[ps..pe], mask.IsEmpty ? mask : mask[ps..pe], arn.AsSpan(@as, ae - @as), ignoreCase: false))
            {
                return false;
            }

            (ps, @as) = (pe + 1, ae + 1);
        }

        return true;
    }

    /// <summary>
    /// How a pattern relates to the family of ARNs <paramref name="familyPrefix"/><c>*</c>:
    /// True if it matches all of them, False if none, Unknown if some.
    /// </summary>
    public static Tri MatchFamily(Glob pattern, string familyPrefix)
    {
        if (pattern.IsMatchAll)
        {
            return Tri.True;
        }

        if (!MatchHeads(pattern, familyPrefix, out var patternTail, out var familyTail))
        {
            return Tri.False;
        }

        ReadOnlySpan<char> tail = pattern.Pattern.AsSpan(patternTail);
        ReadOnlySpan<bool> tailMask = pattern.LiteralMask is null ? default : pattern.LiteralMask.AsSpan(patternTail);
        ReadOnlySpan<char> family = familyPrefix.AsSpan(familyTail);

        // Fast path: compare the literal heads; most patterns of a policy name other folders and part ways early.
        for (var i = 0; ; i++)
        {
            if (i == tail.Length)
            {
                // A literal pattern: shorter than the family's prefix it matches nothing in it; equal, just that one key.
                return i < family.Length ? Tri.False : Tri.Unknown;
            }

            var wildcard = (tail[i] == '*' || tail[i] == '?') && (tailMask.IsEmpty || !tailMask[i]);
            if (wildcard)
            {
                break;
            }

            if (i == family.Length)
            {
                // The family's prefix is a prefix of the pattern's literal head: some keys match, not all.
                return Tri.Unknown;
            }

            if (tail[i] != family[i])
            {
                return Tri.False;
            }
        }

        return Glob.CoversAllWithPrefix(tail, tailMask, family, false) ? Tri.True
            : Glob.FirstLiveState(tail, tailMask, family, false) >= 0 ? Tri.Unknown
            : Tri.False;
    }

    /// <summary>An ARN of the family <paramref name="familyPrefix"/><c>*</c> that the pattern matches, or null.</summary>
    public static string? WitnessInFamily(Glob pattern, string familyPrefix)
    {
        if (!MatchHeads(pattern, familyPrefix, out var patternTail, out var familyTail))
        {
            return null;
        }

        var tail = new Glob(pattern.Pattern[patternTail..], pattern.LiteralMask?[patternTail..]);
        var completed = tail.CompleteAfterPrefix(familyPrefix[familyTail..], false);
        return completed is null ? null : familyPrefix[..familyTail] + completed;
    }

    /// <summary>
    /// Compares the first five parts of the pattern with the family's (which are literal): true when they match
    /// (with the offsets where the resource parts start), false when they do not or either is not a six-part ARN.
    /// </summary>
    private static bool MatchHeads(Glob pattern, string familyPrefix, out int patternTail, out int familyTail)
    {
        patternTail = familyTail = 0;
        Span<int> p = stackalloc int[Colons];
        Span<int> f = stackalloc int[Colons];
        if (!Colon(pattern.Pattern, p) || !Colon(familyPrefix, f))
        {
            return false;
        }

        ReadOnlySpan<char> patternText = pattern.Pattern;
        ReadOnlySpan<bool> mask = pattern.LiteralMask;
        var (ps, fs) = (0, 0);
        for (var i = 0; i < Colons; i++)
        {
            if (!Glob.Match(patternText[ps..p[i]], mask.IsEmpty ? mask : mask[ps..p[i]], familyPrefix.AsSpan(fs, f[i] - fs), ignoreCase: false))
            {
                return false;
            }

            (ps, fs) = (p[i] + 1, f[i] + 1);
        }

        (patternTail, familyTail) = (ps, fs);
        return true;
    }

    private static bool Colon(string text, Span<int> positions)
    {
        var start = 0;
        for (var i = 0; i < Colons; i++)
        {
            var colon = text.IndexOf(':', start);
            if (colon < 0)
            {
                return false;
            }

            positions[i] = colon;
            start = colon + 1;
        }

        return true;
    }
}
