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

    private bool IsStar(int i) => Pattern[i] == '*' && (LiteralMask is null || !LiteralMask[i]);

    private bool IsQuestion(int i) => Pattern[i] == '?' && (LiteralMask is null || !LiteralMask[i]);

    /// <summary>Whether <paramref name="text"/> matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text, bool ignoreCase)
    {
        // Classic greedy match with one backtrack point: linear for patterns with a single star, O(n*m) worst case.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < Pattern.Length && IsStar(p))
            {
                starP = p++;
                starT = t;
            }
            else if (p < Pattern.Length && (IsQuestion(p) || CharEquals(Pattern[p], text[t], ignoreCase)))
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

        while (p < Pattern.Length && IsStar(p))
        {
            p++;
        }

        return p == Pattern.Length;
    }

    /// <summary>
    /// Whether every string that starts with <paramref name="prefix"/> matches. Sound: true only when it is so
    /// (the pattern ends in <c>*</c> and the rest matches a prefix of <paramref name="prefix"/>).
    /// </summary>
    public bool CoversAllWithPrefix(string prefix, bool ignoreCase)
    {
        if (Pattern.Length == 0 || !IsStar(Pattern.Length - 1))
        {
            return false;
        }

        var head = new Glob(Pattern[..^1], LiteralMask is null ? null : LiteralMask[..^1]);
        for (var length = 0; length <= prefix.Length; length++)
        {
            if (head.IsMatch(prefix.AsSpan(0, length), ignoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some string that starts with <paramref name="prefix"/> matches. Exact.</summary>
    public bool MatchesSomeWithPrefix(string prefix, bool ignoreCase) => CompleteAfterPrefix(prefix, ignoreCase) is not null;

    /// <summary>
    /// A string that starts with <paramref name="prefix"/> and matches the pattern, or null if none does.
    /// Used to pick a concrete witness request from a family of object keys.
    /// </summary>
    public string? CompleteAfterPrefix(string prefix, bool ignoreCase)
    {
        // NFA simulation over pattern positions: after reading the prefix, any live position can be completed
        // by writing the remaining literals, one character per '?', nothing per '*'.
        var states = Closure([0]);
        foreach (var c in prefix)
        {
            var next = new SortedSet<int>();
            foreach (var s in states)
            {
                if (s >= Pattern.Length)
                {
                    continue;
                }

                if (IsStar(s))
                {
                    next.Add(s);
                }
                else if (IsQuestion(s) || CharEquals(Pattern[s], c, ignoreCase))
                {
                    next.Add(s + 1);
                }
            }

            states = Closure(next);
            if (states.Count == 0)
            {
                return null;
            }
        }

        var start = states.Min;
        var builder = new System.Text.StringBuilder(prefix);
        for (var i = start; i < Pattern.Length; i++)
        {
            if (IsStar(i))
            {
                continue;
            }

            builder.Append(IsQuestion(i) ? 'x' : Pattern[i]);
        }

        return builder.ToString();
    }

    private SortedSet<int> Closure(IEnumerable<int> positions)
    {
        var result = new SortedSet<int>(positions);
        var added = true;
        while (added)
        {
            added = false;
            foreach (var s in result.ToArray())
            {
                if (s < Pattern.Length && IsStar(s) && result.Add(s + 1))
                {
                    added = true;
                }
            }
        }

        return result;
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
