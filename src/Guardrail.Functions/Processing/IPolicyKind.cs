using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Functions.Processing;

/// <summary>
/// What kind of policy a protected resource has and how it is judged: a bucket's policy or a Spectrum role's trust
/// policy. Pure: no AWS call; <see cref="IPolicyStore"/> reads and writes the live policy.
/// </summary>
public interface IPolicyKind
{
    /// <summary>The state-table key, e.g. <c>bucket#my-lake</c>.</summary>
    string Key { get; }

    /// <summary><c>bucket-policy</c> or <c>trust-policy</c>.</summary>
    string Type { get; }

    /// <summary>How people know it: <c>s3://my-lake</c> or the role ARN.</summary>
    string Name { get; }

    /// <summary>Parses policy text of this kind (null for "no policy").</summary>
    PolicyDocument? Parse(string? text);

    /// <summary>Judges a policy for every configured Spectrum role.</summary>
    Verdict Evaluate(PolicyDocument? policy);
}
