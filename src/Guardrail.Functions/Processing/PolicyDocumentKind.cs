using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>What the bucket-policy and trust-policy kinds share: their state is one policy document.</summary>
public abstract class PolicyDocumentKind : IPolicyKind
{
    public abstract string Key { get; }

    public abstract string Type { get; }

    public abstract string Name { get; }

    /// <summary>The owner account alerts name (organization mode); null in single-account mode.</summary>
    public virtual string? Account => null;

    /// <summary>The configured paths the resource is on (organization mode).</summary>
    public virtual IReadOnlyList<string> Paths => [];

    public string? RestoreKind => Type;

    public string? NoRestoreReason => null;

    /// <summary>Parses policy text of this kind (null for "no policy").</summary>
    public abstract PolicyDocument? Parse(string? text);

    /// <summary>Judges a policy for every configured Spectrum role.</summary>
    public abstract Verdict Evaluate(PolicyDocument? policy);

    public Judgement Judge(string? text)
    {
        var policy = Parse(text);
        return new Judgement(text, policy, PolicyHash.Of(policy), Evaluate(policy));
    }

    public string HashOf(string? text) => PolicyHash.Of(Parse(text));

    public IReadOnlyList<StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current) =>
        StatementDiff.Compare(knownGoodRecorded ? Parse(knownGood) : null, current.Policy);

    public RestorePlan PlanRestore(string? knownGoodText, Judgement current, PolicyChangeEvent change)
    {
        var after = Judge(knownGoodText);
        return after.IsOk ? RestorePlan.Allowed : RestorePlan.NotOk("the recorded known-good policy", after);
    }

    public string? EventHash(PolicyChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.EventName == "DeleteBucketPolicy")
        {
            return PolicyHash.NoPolicy;
        }

        if (change.PolicyText is null)
        {
            return null;
        }

        try
        {
            return PolicyHash.Of(Parse(change.PolicyText));
        }
        catch (PolicyParseException)
        {
            return null;
        }
    }
}
