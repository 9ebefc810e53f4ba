namespace Guardrail.Core.Evaluation;

/// <summary>
/// IAM wildcard patterns: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one.
/// A pattern may mark some positions as literal (characters produced by policy variables such as <c>${*}</c>),
/// where <c>*</c> and <c>?</c> stand for themselves.
/// </summary>
public readonly record struct Glob(string Pattern, bool[]? LiteralMask = null)
{
    /// <summary>True when the whole pattern is a single unescaped <c>*</c>.</summary>
    public bool IsMatchAll => Pattern == "*" && (LiteralMask is null || !LiteralMask[0]);

    /// <summary>Whether <paramref name="text"/> matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text, bool ignoreCase) => Match(Pattern, LiteralMask, text, ignoreCase);

    /// <summary>
    /// Whether every string that starts with <paramref name="prefix"/> matches. Sound: true only when it is so
    /// (the pattern ends in <c>*</c> and the rest matches a prefix of <paramref name="prefix"/>).
    /// </summary>
    public bool CoversAllWithPrefix(string prefix, bool ignoreCase) => CoversAllWithPrefix(Pattern, LiteralMask, prefix, ignoreCase);

    /// <summary>Whether some string that starts with <paramref name="prefix"/> matches. Exact.</summary>
    public bool MatchesSomeWithPrefix(string prefix, bool ignoreCase) => FirstLiveState(Pattern, LiteralMask, prefix, ignoreCase) >= 0;

    /// <summary>
    /// A string that starts with <paramref name="prefix"/> and matches the pattern, or null if none does.
    /// Used to pick a concrete witness request from a family of object keys.
    /// </summary>
    public string? CompleteAfterPrefix(string prefix, bool ignoreCase)
    {
        var start = FirstLiveState(Pattern, LiteralMask, prefix, ignoreCase);
        if (start < 0)
        {
            return null;
        }

        // From a live position, the rest is completed by its literals, one character per '?', nothing per '*'.
        var builder = new System.Text.StringBuilder(prefix);
        var mask = LiteralMask;
        for (var i = start; i < Pattern.Length; i++)
        {
            if (IsStar(Pattern, mask, i))
            {
                continue;
            }

            builder.Append(IsQuestion(Pattern, mask, i) ? 'x' : Pattern[i]);
        }

        return builder.ToString();
    }

    internal static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, ReadOnlySpan<char> text, bool ignoreCase)
    {
        // Greedy match with one backtrack point: linear for patterns with one star, O(n*m) at worst.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && IsStar(pattern, mask, p))
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && (IsQuestion(pattern, mask, p) || CharEquals(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && IsStar(pattern, mask, p))
        {
            p++;
        }

        return p == pattern.Length;
    }

    internal static bool CoversAllWithPrefix(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, ReadOnlySpan<char> prefix, bool ignoreCase)
    {
        if (pattern.Length == 0 || !IsStar(pattern, mask, pattern.Length - 1))
        {
            return false;
        }

        // One NFA pass over the prefix (not one match per prefix length): true as soon as the pattern without its
        // final star has matched some prefix of it, since the star then takes any rest.
        var head = pattern[..^1];
        var headMask = mask.IsEmpty ? mask : mask[..^1];
        Span<bool> states = head.Length < 256 ? stackalloc bool[head.Length + 1] : new bool[head.Length + 1];
        Span<bool> next = head.Length < 256 ? stackalloc bool[head.Length + 1] : new bool[head.Length + 1];
        states[0] = true;
        Closure(head, headMask, states);
        foreach (var c in prefix)
        {
            if (states[head.Length])
            {
                return true;
            }

            if (!Step(head, headMask, states, next, c, ignoreCase))
            {
                return false;
            }
        }

        return states[head.Length];
    }

    /// <summary>The smallest pattern position alive after reading <paramref name="prefix"/>, or -1 if none is.</summary>
    internal static int FirstLiveState(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, ReadOnlySpan<char> prefix, bool ignoreCase)
    {
        // NFA simulation over pattern positions 0..Length.
        Span<bool> states = pattern.Length < 256 ? stackalloc bool[pattern.Length + 1] : new bool[pattern.Length + 1];
        Span<bool> next = pattern.Length < 256 ? stackalloc bool[pattern.Length + 1] : new bool[pattern.Length + 1];
        states[0] = true;
        Closure(pattern, mask, states);
        foreach (var c in prefix)
        {
            if (!Step(pattern, mask, states, next, c, ignoreCase))
            {
                return -1;
            }
        }

        return states.IndexOf(true);
    }

    /// <summary>Reads one character: the live states move (stars stay), then their closure; false when none is left.</summary>
    private static bool Step(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, Span<bool> states, Span<bool> next, char c, bool ignoreCase)
    {
        next.Clear();
        var any = false;
        for (var s = 0; s < pattern.Length; s++)
        {
            if (!states[s])
            {
                continue;
            }

            if (IsStar(pattern, mask, s))
            {
                next[s] = any = true;
            }
            else if (IsQuestion(pattern, mask, s) || CharEquals(pattern[s], c, ignoreCase))
            {
                next[s + 1] = any = true;
            }
        }

        if (any)
        {
            next.CopyTo(states);
            Closure(pattern, mask, states);
        }

        return any;
    }

    private static void Closure(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, Span<bool> states)
    {
        for (var s = 0; s < pattern.Length; s++)
        {
            if (states[s] && IsStar(pattern, mask, s))
            {
                states[s + 1] = true;
            }
        }
    }

    private static bool IsStar(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, int i) => pattern[i] == '*' && (mask.IsEmpty || !mask[i]);

    private static bool IsQuestion(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> mask, int i) => pattern[i] == '?' && (mask.IsEmpty || !mask[i]);

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
