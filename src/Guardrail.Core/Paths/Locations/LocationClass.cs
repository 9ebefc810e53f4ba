namespace Guardrail.Core.Paths.Locations;

/// <summary>
/// Table locations that no pattern on the path tells apart, so one judgement stands for all of them: every
/// Resource pattern and every condition value on a location's keys matches each member's requests alike.
/// </summary>
/// <typeparam name="T">A location: a prefix in a bucket, or a table of the catalog.</typeparam>
/// <param name="Representative">The member judged (the first, in the snapshot's order).</param>
/// <param name="Members">Every member, the representative first.</param>
internal sealed record LocationClass<T>(T Representative, IReadOnlyList<T> Members)
{
    /// <summary>How many members a finding names besides the representative; the rest are counted.</summary>
    public const int NamedMembers = 3;

    /// <summary>
    /// What findings add to the representative's name: nothing for a class of one; otherwise the count of the
    /// others, and the first of them by name.
    /// </summary>
    public string Note(Func<T, string> name)
    {
        if (Members.Count == 1)
        {
            return string.Empty;
        }

        var others = Members.Skip(1).Take(NamedMembers).Select(name).ToList();
        var rest = Members.Count - 1 - others.Count;
        return $" (and alike for {Members.Count - 1} other table location{(Members.Count == 2 ? string.Empty : "s")} no policy on the path tells apart: {string.Join(", ", others)}{(rest > 0 ? $" and {rest} more" : string.Empty)})";
    }
}
