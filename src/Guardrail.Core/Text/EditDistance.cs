namespace Guardrail.Core.Text;

/// <summary>
/// The Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
/// transpositions of two adjacent characters, each costing 1), bounded: beyond the bound it stops early.
/// </summary>
public static class EditDistance
{
    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/> (ordinal, case-insensitive), or
    /// <paramref name="bound"/> + 1 when it is larger than <paramref name="bound"/>.
    /// </summary>
    public static int Between(string a, string b, int bound)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > bound)
            {
                return bound + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }

    /// <summary>
    /// The candidate nearest to <paramref name="typed"/>, if one is near enough to be what was meant: at most 2 edits,
    /// and fewer than half of the candidate's characters (so a short word is not matched to anything). Ties go to
    /// the first candidate given.
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var bound = Math.Min(2, (candidate.TrimStart('-').Length - 1) / 2);
            var distance = Between(typed, candidate, bound);
            if (distance <= bound && distance < bestDistance && distance > 0)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }
}
