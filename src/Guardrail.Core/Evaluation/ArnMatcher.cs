namespace Guardrail.Core.Evaluation;

/// <summary>
/// Matches ARNs against ARN patterns the way <c>ArnLike</c> and the Resource element do: the first five
/// colon-separated parts (arn, partition, service, region, account) are compared one by one, the rest
/// (the resource, which may itself contain colons) as a whole; wildcards never cross those boundaries.
/// Case-sensitive.
/// </summary>
public static class ArnMatcher
{
    private const int Parts = 6;

    /// <summary>Whether <paramref name="arn"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(Glob pattern, string arn)
    {
        if (pattern.IsMatchAll)
        {
            return true;
        }

        var patternParts = Split(pattern);
        var arnParts = arn.Split(':', Parts);
        if (patternParts is null || arnParts.Length != Parts)
        {
            return pattern.IsMatch(arn, ignoreCase: false);
        }

        for (var i = 0; i < Parts; i++)
        {
            if (!patternParts[i].IsMatch(arnParts[i], ignoreCase: false))
            {
                return false;
            }
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

        var patternParts = Split(pattern);
        var familyParts = familyPrefix.Split(':', Parts);
        if (patternParts is null || familyParts.Length != Parts)
        {
            return pattern.CoversAllWithPrefix(familyPrefix, false) ? Tri.True
                : pattern.MatchesSomeWithPrefix(familyPrefix, false) ? Tri.Unknown
                : Tri.False;
        }

        for (var i = 0; i < Parts - 1; i++)
        {
            if (!patternParts[i].IsMatch(familyParts[i], ignoreCase: false))
            {
                return Tri.False;
            }
        }

        var last = patternParts[Parts - 1];
        return last.CoversAllWithPrefix(familyParts[Parts - 1], false) ? Tri.True
            : last.MatchesSomeWithPrefix(familyParts[Parts - 1], false) ? Tri.Unknown
            : Tri.False;
    }

    /// <summary>An ARN of the family <paramref name="familyPrefix"/><c>*</c> that the pattern matches, or null.</summary>
    public static string? WitnessInFamily(Glob pattern, string familyPrefix)
    {
        var patternParts = Split(pattern);
        var familyParts = familyPrefix.Split(':', Parts);
        if (patternParts is null || familyParts.Length != Parts)
        {
            return pattern.CompleteAfterPrefix(familyPrefix, false);
        }

        for (var i = 0; i < Parts - 1; i++)
        {
            if (!patternParts[i].IsMatch(familyParts[i], ignoreCase: false))
            {
                return null;
            }
        }

        var tail = patternParts[Parts - 1].CompleteAfterPrefix(familyParts[Parts - 1], false);
        return tail is null ? null : string.Join(':', familyParts[..(Parts - 1)]) + ":" + tail;
    }

    private static Glob[]? Split(Glob pattern)
    {
        var text = pattern.Pattern;
        var result = new Glob[Parts];
        var start = 0;
        for (var part = 0; part < Parts - 1; part++)
        {
            var colon = text.IndexOf(':', start);
            if (colon < 0)
            {
                return null;
            }

            result[part] = Slice(pattern, start, colon - start);
            start = colon + 1;
        }

        result[Parts - 1] = Slice(pattern, start, text.Length - start);
        return result;
    }

    private static Glob Slice(Glob pattern, int start, int length) =>
        new(pattern.Pattern.Substring(start, length), pattern.LiteralMask?.AsSpan(start, length).ToArray());
}
