namespace Guardrail.Core.Evaluation;

/// <summary>
/// What the guardrail knows about one request context key: absent, present with known values,
/// one of a few known possibilities, or present-or-not with a value nobody outside AWS can know.
/// </summary>
public abstract record ContextValue
{
    private protected ContextValue()
    {
    }

    /// <summary>The key is not in the request context.</summary>
    public static ContextValue Absent { get; } = new AbsentValue();

    /// <summary>The key is present with these values (one for single-valued keys).</summary>
    public static ContextValue Of(params string[] values) => new KnownValue(values);

    /// <summary>The key is absent, or present with a value we cannot know; <paramref name="why"/> is said in findings.</summary>
    public static ContextValue Unknowable(string why, bool mayBeAbsent = true) => new OpaqueValue(why, mayBeAbsent);

    /// <summary>The value is one of these possibilities (each itself known or absent); <paramref name="why"/> explains the doubt.</summary>
    public static ContextValue OneOf(string why, params ContextValue[] candidates) => new CandidateValues(candidates, why);
}

/// <summary>The key is not present.</summary>
public sealed record AbsentValue : ContextValue;

/// <summary>The key is present with these values.</summary>
public sealed record KnownValue(IReadOnlyList<string> Values) : ContextValue;

/// <summary>A value we cannot know (for example an AWS-owned source address).</summary>
public sealed record OpaqueValue(string Why, bool MayBeAbsent) : ContextValue;

/// <summary>One of a few possibilities; evaluated under each, agreeing results are certain.</summary>
public sealed record CandidateValues(IReadOnlyList<ContextValue> Candidates, string Why) : ContextValue;
