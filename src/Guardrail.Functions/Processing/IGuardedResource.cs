using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Functions.Processing;

/// <summary>A resource whose policy the guardrail watches: a bucket's policy or a Spectrum role's trust policy.</summary>
public interface IGuardedResource
{
    /// <summary>The state-table key, e.g. <c>bucket#my-lake</c>.</summary>
    string Key { get; }

    /// <summary><c>bucket-policy</c> or <c>trust-policy</c>.</summary>
    string Type { get; }

    /// <summary>How people know it: <c>s3://my-lake</c> or the role ARN.</summary>
    string Name { get; }

    /// <summary>The live policy text; null when a bucket has none.</summary>
    Task<string?> ReadLiveAsync(CancellationToken cancellationToken);

    /// <summary>Parses policy text of this kind (null for "no policy").</summary>
    PolicyDocument? Parse(string? text);

    /// <summary>Judges a policy for every configured Spectrum role.</summary>
    Verdict Evaluate(PolicyDocument? policy);

    /// <summary>Writes a policy back (null deletes a bucket policy).</summary>
    Task WriteAsync(string? policyText, CancellationToken cancellationToken);
}
