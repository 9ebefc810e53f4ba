namespace Guardrail.Core.Evaluation;

/// <summary>
/// The live positions of a <see cref="Glob"/>'s NFA after reading some text, the same automaton
/// <see cref="Glob.Match"/> and <see cref="Glob.FirstLiveState"/> run (no literal mask: the pattern as written).
/// Two texts after which a pattern has the same live positions are matched alike by it whatever follows them,
/// which is what lets table locations that no pattern tells apart be judged once. Steps cost the live positions
/// only, not the pattern's length.
/// </summary>
internal sealed class GlobStates
{
    private readonly string pattern;
    private readonly bool ignoreCase;
    private readonly bool[] seen;
    private List<int> live = [];
    private List<int> next = [];
    private readonly List<int> closed = [];

    /// <summary>The pattern's start: position 0 and the positions its leading stars reach.</summary>
    public GlobStates(string pattern, bool ignoreCase)
    {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        seen = new bool[pattern.Length + 1];
        live.Add(0);
        Close(live);
    }

    private GlobStates(GlobStates from)
    {
        pattern = from.pattern;
        ignoreCase = from.ignoreCase;

        // Always all false between steps: copies read one at a time share it.
        seen = from.seen;
        live = [.. from.live];
    }

    /// <summary>The work the reads so far took: live positions visited, one per character at least.</summary>
    public long Steps { get; private set; }

    /// <summary>The live positions, ascending; empty when nothing the text continues with can match.</summary>
    public IReadOnlyList<int> Live => live;

    /// <summary>A copy to read on from.</summary>
    public GlobStates Copy() => new(this);

    /// <summary>Takes <paramref name="other"/>'s live positions (a copy of the same pattern), to read on from them without allocating.</summary>
    public void Restart(GlobStates other)
    {
        live.Clear();
        live.AddRange(other.live);
    }

    /// <summary>
    /// Whether reading any text leaves the live positions as they are: each is a star or the end, reached from a
    /// star by the stars that follow it (a pattern ending in <c>*</c> read past its literals). Such a pattern
    /// matches every continuation alike, so it tells no two texts apart.
    /// </summary>
    public bool Fixed
    {
        get
        {
            // Only stars and the end may be live (any other position could still read on), and after one step
            // only the stars stay, with what they reach: fixed when that is all there is now.
            if (live.Any(s => s < pattern.Length && pattern[s] != '*'))
            {
                return false;
            }

            var stars = live.Where(s => s < pattern.Length).ToList();
            Close(stars);
            return stars.SequenceEqual(live);
        }
    }

    /// <summary>
    /// The characters the live positions must read next, in order, before any wildcard: the pattern's literal run
    /// from its only live position (empty when several are live, one is a wildcard, or the pattern ignores case).
    /// A text that neither starts with this run nor is a start of it leaves nothing live.
    /// </summary>
    public string LiteralRun()
    {
        if (ignoreCase || live.Count != 1)
        {
            return string.Empty;
        }

        var end = pattern.AsSpan(live[0]).IndexOfAny('*', '?');
        return end < 0 ? pattern[live[0]..] : pattern.Substring(live[0], end);
    }

    /// <summary>Reads <paramref name="text"/>; false once no position is live.</summary>
    public bool Read(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (live.Count == 0)
            {
                return false;
            }

            Steps += 1 + live.Count;
            next.Clear();
            foreach (var s in live)
            {
                if (s == pattern.Length)
                {
                    continue;
                }

                if (pattern[s] == '*')
                {
                    Add(next, s);
                }
                else if (pattern[s] == '?' || pattern[s] == c || (ignoreCase && char.ToUpperInvariant(pattern[s]) == char.ToUpperInvariant(c)))
                {
                    Add(next, s + 1);
                }
            }

            foreach (var s in next)
            {
                seen[s] = false;
            }

            next.Sort();
            Close(next);
            (live, next) = (next, live);
        }

        return live.Count > 0;
    }

    private void Add(List<int> states, int s)
    {
        if (!seen[s])
        {
            seen[s] = true;
            states.Add(s);
        }
    }

    // A star's position also reaches the next one (it may match nothing): ascending, so runs of stars chain.
    private void Close(List<int> states)
    {
        // One pass, in order: each position, then the positions its run of stars reaches (they follow it).
        closed.Clear();
        foreach (var state in states)
        {
            for (var s = state; closed.Count == 0 || closed[^1] < s; s++)
            {
                closed.Add(s);
                if (s == pattern.Length || pattern[s] != '*')
                {
                    break;
                }
            }
        }

        states.Clear();
        states.AddRange(closed);
    }
}
