namespace Guardrail.Core.Evaluation;

/// <summary>
/// Kleene three-valued truth: <see cref="Unknown"/> means the answer depends on a fact the guardrail cannot know
/// (an AWS-owned source IP, an organization that was not configured). Sound but not complete: when it says
/// True or False, that holds whatever the unknown facts are.
/// </summary>
public enum Tri
{
    False,
    True,
    Unknown,
}

/// <summary>Kleene connectives on <see cref="Tri"/>.</summary>
public static class TriLogic
{
    public static Tri From(bool value) => value ? Tri.True : Tri.False;

    public static Tri Not(this Tri value) => value switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public static Tri And(this Tri left, Tri right)
    {
        if (left == Tri.False || right == Tri.False)
        {
            return Tri.False;
        }

        return left == Tri.True && right == Tri.True ? Tri.True : Tri.Unknown;
    }

    public static Tri Or(this Tri left, Tri right)
    {
        if (left == Tri.True || right == Tri.True)
        {
            return Tri.True;
        }

        return left == Tri.False && right == Tri.False ? Tri.False : Tri.Unknown;
    }

    /// <summary>True if any is true, false if all are false (an empty sequence is false).</summary>
    public static Tri Any(IEnumerable<Tri> values)
    {
        var result = Tri.False;
        foreach (var value in values)
        {
            result = result.Or(value);
            if (result == Tri.True)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>True if all are true, false if any is false (an empty sequence is true).</summary>
    public static Tri All(IEnumerable<Tri> values)
    {
        var result = Tri.True;
        foreach (var value in values)
        {
            result = result.And(value);
            if (result == Tri.False)
            {
                return result;
            }
        }

        return result;
    }
}
