namespace Guardrail.Core.Paths.Locations;

/// <summary>
/// Entries (by position) keyed by a literal head: finds the entries whose head starts a text or that the text starts,
/// the only ones a pattern with that literal head (up to its first wildcard) can match anything from. Costs a lookup
/// per character of the text and the entries found, not a try per entry.
/// </summary>
internal sealed class HeadIndex
{
    private readonly Dictionary<string, List<int>> byHead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> byHeadSpan;
    private readonly string[] heads;

    /// <param name="heads">Each entry's heads (an entry may have several, or one empty head: it is always found).</param>
    public HeadIndex(IEnumerable<(int Entry, string Head)> heads)
    {
        foreach (var (entry, head) in heads)
        {
            if (!byHead.TryGetValue(head, out var list))
            {
                byHead[head] = list = [];
            }

            list.Add(entry);
        }

        byHeadSpan = byHead.GetAlternateLookup<ReadOnlySpan<char>>();
        this.heads = [.. byHead.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Adds to <paramref name="found"/> the entries whose head starts <paramref name="text"/> or starts with it (an entry once per head; unsorted).</summary>
    public void Find(string text, List<int> found)
    {
        for (var length = 0; length <= text.Length; length++)
        {
            if (byHeadSpan.TryGetValue(text.AsSpan(0, length), out var list))
            {
                found.AddRange(list);
            }
        }

        var from = Array.BinarySearch(heads, text, StringComparer.Ordinal);
        for (var i = from < 0 ? ~from : from + 1; i < heads.Length && heads[i].StartsWith(text, StringComparison.Ordinal); i++)
        {
            found.AddRange(byHead[heads[i]]);
        }
    }

    /// <summary>A pattern's literal head: up to its first wildcard (<c>*</c>, <c>?</c>) or policy variable.</summary>
    public static string LiteralHead(string pattern)
    {
        var end = pattern.AsSpan().IndexOfAny('*', '?');
        var variable = pattern.IndexOf("${", StringComparison.Ordinal);
        if (variable >= 0 && (end < 0 || variable < end))
        {
            end = variable;
        }

        return end < 0 ? pattern : pattern[..end];
    }
}
