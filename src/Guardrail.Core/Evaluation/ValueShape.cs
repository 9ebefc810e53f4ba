using System.Text;

namespace Guardrail.Core.Evaluation;

/// <summary>One part of a <see cref="ValueShape"/>: fixed text, or a run of at least <paramref name="MinLength"/> characters from <paramref name="Chars"/>.</summary>
/// <param name="Text">The fixed text, or null for a run.</param>
/// <param name="Chars">For a run, the characters it may contain.</param>
/// <param name="MinLength">For a run, its least length (it has no upper bound).</param>
public readonly record struct ShapePart(string? Text, string? Chars, int MinLength)
{
    /// <summary>Fixed text.</summary>
    public static ShapePart Literal(string text) => new(text, null, 0);

    /// <summary>Any run of at least <paramref name="minLength"/> characters drawn from <paramref name="chars"/>.</summary>
    public static ShapePart Run(string chars, int minLength) => new(null, chars, minLength);
}

/// <summary>
/// The documented form of a value whose exact text is unknown, e.g. <c>aws:userid</c> = <c>AROA…:session-name</c>.
/// A shape may describe more strings than AWS can produce (runs have no upper length), never fewer: a pattern is
/// certainly matched only if every string of the shape matches it, certainly not matched only if none does.
/// </summary>
public sealed class ValueShape
{
    // Proving that every string of the shape matches explores sets of pattern positions, each step costing the
    // pattern's length; past this much work the answer is left unknown, which is always sound.
    private const int WorkBudget = 20_000;

    private readonly Slot[] slots;

    /// <summary>A shape from its parts, in order.</summary>
    public ValueShape(params ShapePart[] parts)
    {
        var list = new List<Slot>();
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Text is { } literal)
            {
                list.AddRange(literal.Select(c => new Slot(c, null, Repeats: false)));
                text.Append(literal);
                continue;
            }

            var chars = part.Chars ?? string.Empty;
            list.AddRange(Enumerable.Repeat(new Slot('\0', chars, Repeats: false), part.MinLength));
            list.Add(new Slot('\0', chars, Repeats: true));
            text.Append('[').Append(chars).Append("]{").Append(part.MinLength).Append(",}");
        }

        slots = [.. list];
        Description = text.ToString();
    }

    /// <summary>The shape written as a pattern, for explanations.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>
    /// Whether the shape's strings match <paramref name="pattern"/>: True if all do, False if none does, Unknown otherwise.
    /// <paramref name="wildcards"/> false compares the pattern as plain text (StringEquals).
    /// </summary>
    public Tri Matches(Glob pattern, bool wildcards, bool ignoreCase)
    {
        var items = PatternItems(pattern, wildcards);
        if (!CanMatch(items, ignoreCase))
        {
            return Tri.False;
        }

        return AlwaysMatches(items, ignoreCase) ? Tri.True : Tri.Unknown;
    }

    private static Item[] PatternItems(Glob pattern, bool wildcards)
    {
        var text = pattern.Pattern;
        var items = new Item[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var literal = !wildcards || (pattern.LiteralMask is { } mask && mask[i]);
            var kind = literal ? ItemKind.Char : text[i] switch
            {
                '*' => ItemKind.Star,
                '?' => ItemKind.One,
                _ => ItemKind.Char,
            };
            items[i] = new Item(kind, text[i]);
        }

        return items;
    }

    /// <summary>Whether some string of the shape matches: reachability in the product of the two automata.</summary>
    private bool CanMatch(Item[] items, bool ignoreCase)
    {
        int n = slots.Length, m = items.Length;
        var seen = new bool[(n + 1) * (m + 1)];
        var work = new Stack<(int Slot, int Item)>();
        void Visit(int i, int j)
        {
            if (!seen[(i * (m + 1)) + j])
            {
                seen[(i * (m + 1)) + j] = true;
                work.Push((i, j));
            }
        }

        Visit(0, 0);
        while (work.Count > 0)
        {
            var (i, j) = work.Pop();
            if (i == n && j == m)
            {
                return true;
            }

            if (i < n && slots[i].Repeats)
            {
                Visit(i + 1, j);
            }

            if (j < m && items[j].Kind == ItemKind.Star)
            {
                Visit(i, j + 1);
            }

            if (i < n && j < m && Overlaps(slots[i], items[j], ignoreCase))
            {
                Visit(slots[i].Repeats ? i : i + 1, items[j].Kind == ItemKind.Star ? j : j + 1);
            }
        }

        return false;
    }

    /// <summary>
    /// Whether every string of the shape matches: the pattern's automaton is determinised on the fly while the
    /// shape is read; one string that leaves it without an accepting position is a counterexample.
    /// </summary>
    private bool AlwaysMatches(Item[] items, bool ignoreCase)
    {
        // A pattern without '*' matches strings of bounded length; a shape with a run has unbounded ones.
        if (slots.Any(s => s.Repeats) && items.All(t => t.Kind != ItemKind.Star))
        {
            return false;
        }

        var literals = items.Where(t => t.Kind == ItemKind.Char).Select(t => t.Char).Distinct().ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<(int Slot, bool[] Positions)>();
        var spent = 0;
        bool Visit(int i, bool[] positions)
        {
            spent += positions.Length;
            if (seen.Add($"{i}:{Key(positions)}"))
            {
                work.Push((i, positions));
            }

            return spent <= WorkBudget;
        }

        if (!Visit(0, Closure(items, Single(items.Length, 0))))
        {
            return false;
        }

        while (work.Count > 0)
        {
            var (i, positions) = work.Pop();
            if (i == slots.Length)
            {
                if (!positions[items.Length])
                {
                    return false;
                }

                continue;
            }

            var slot = slots[i];
            if (slot.Repeats && !Visit(i + 1, positions))
            {
                return false;
            }

            foreach (var c in Representatives(slot, literals, ignoreCase))
            {
                var next = Step(items, positions, c, ignoreCase);
                if (!next.Contains(true) || !Visit(slot.Repeats ? i : i + 1, next))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The characters a slot may hold, one per way the pattern can treat them: each pattern literal it may hold,
    /// plus one character no pattern literal equals (all such characters are alike for the pattern).
    /// </summary>
    private static IEnumerable<char> Representatives(Slot slot, char[] literals, bool ignoreCase)
    {
        if (slot.Chars is null)
        {
            yield return slot.Char;
            yield break;
        }

        var other = false;
        foreach (var c in slot.Chars)
        {
            if (literals.Any(l => CharEquals(l, c, ignoreCase)))
            {
                yield return c;
            }
            else if (!other)
            {
                other = true;
                yield return c;
            }
        }
    }

    private static bool[] Step(Item[] items, bool[] positions, char c, bool ignoreCase)
    {
        var next = new bool[items.Length + 1];
        for (var j = 0; j < items.Length; j++)
        {
            if (!positions[j])
            {
                continue;
            }

            switch (items[j].Kind)
            {
                case ItemKind.Star:
                    next[j] = true;
                    break;
                case ItemKind.One:
                    next[j + 1] = true;
                    break;
                default:
                    next[j + 1] |= CharEquals(items[j].Char, c, ignoreCase);
                    break;
            }
        }

        return Closure(items, next);
    }

    private static bool[] Closure(Item[] items, bool[] positions)
    {
        for (var j = 0; j < items.Length; j++)
        {
            if (positions[j] && items[j].Kind == ItemKind.Star)
            {
                positions[j + 1] = true;
            }
        }

        return positions;
    }

    private static bool[] Single(int length, int position)
    {
        var positions = new bool[length + 1];
        positions[position] = true;
        return positions;
    }

    private static string Key(bool[] positions) => string.Create(positions.Length, positions, (span, p) =>
    {
        for (var k = 0; k < p.Length; k++)
        {
            span[k] = p[k] ? '1' : '0';
        }
    });

    private static bool Overlaps(Slot slot, Item item, bool ignoreCase) => item.Kind != ItemKind.Char
        || (slot.Chars is null ? CharEquals(slot.Char, item.Char, ignoreCase) : slot.Chars.Any(c => CharEquals(c, item.Char, ignoreCase)));

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    /// <summary>One character position of the shape: a fixed character, or one from a set (repeated any number of times when <paramref name="Repeats"/>).</summary>
    private readonly record struct Slot(char Char, string? Chars, bool Repeats);

    private enum ItemKind
    {
        Char,
        One,
        Star,
    }

    private readonly record struct Item(ItemKind Kind, char Char);
}
