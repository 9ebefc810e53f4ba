namespace Guardrail.Core.Parsing;

/// <summary>
/// The names seen so far in one JSON object, compared ignoring case (condition operators and keys are
/// case-insensitive, so <c>aws:SourceIp</c> twice in different case is still a duplicate). Most objects have one to
/// three names, searched in a short list; past <see cref="ListLimit"/> a hash set takes over, so an object with
/// 70,000 keys is checked in linear time. One instance is reused for every object of a parse.
/// </summary>
internal sealed class DistinctNames
{
    private const int ListLimit = 8;

    private readonly List<string> few = new(ListLimit);
    private HashSet<string>? many;

    /// <summary>Starts a new object.</summary>
    public void Clear()
    {
        few.Clear();
        many = null;
    }

    /// <summary>Adds <paramref name="name"/>; false when the object already has it.</summary>
    public bool Add(string name)
    {
        if (many is not null)
        {
            return many.Add(name);
        }

        foreach (var seen in few)
        {
            if (string.Equals(seen, name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        few.Add(name);
        if (few.Count > ListLimit)
        {
            many = new HashSet<string>(few, StringComparer.OrdinalIgnoreCase);
        }

        return true;
    }
}
