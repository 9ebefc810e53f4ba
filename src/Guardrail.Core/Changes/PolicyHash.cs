using System.Security.Cryptography;
using System.Text;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Changes;

/// <summary>
/// A fingerprint of a policy's meaning-bearing content: the SHA-256 of its canonical form, so re-indenting a policy
/// is not a change, and "no policy" has a fingerprint of its own.
/// </summary>
public static class PolicyHash
{
    /// <summary>The fingerprint of having no policy at all.</summary>
    public const string NoPolicy = "none";

    public static string Of(PolicyDocument? policy) =>
        policy is null ? NoPolicy : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PolicySerializer.ToJson(policy))));
}
