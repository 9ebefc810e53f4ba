using System.Text;
using System.Text.Json;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Fuzz;

/// <summary>
/// Target <c>policy</c>: the core as the CLI and the functions use it. The input is parsed as a bucket policy and
/// as a trust policy; whatever parses is judged in every fixed situation, serialized as the verdict JSON, hashed and
/// diffed as the functions do. A <see cref="PolicyParseException"/> is the expected answer to bad input; any other
/// exception escapes and is a crash.
/// </summary>
internal static class PolicyTarget
{
    public static void Run(byte[] input)
    {
        // Lossy decoding, as a reader with the default replacement fallback would do: the CLI target covers strict decoding.
        var text = Encoding.UTF8.GetString(input);
        if (TryParse(text, PolicyKind.Bucket) is { } bucketPolicy)
        {
            foreach (var options in FixedOptions.Buckets)
            {
                Serialize(BucketPolicyEvaluator.Evaluate(bucketPolicy, options));
            }

            Record(bucketPolicy);
        }

        if (TryParse(text, PolicyKind.Trust) is { } trustPolicy)
        {
            foreach (var options in FixedOptions.Trusts)
            {
                Serialize(TrustPolicyEvaluator.Evaluate(trustPolicy, options));
            }

            Record(trustPolicy);
        }
    }

    private static PolicyDocument? TryParse(string text, PolicyKind kind)
    {
        try
        {
            return PolicyParser.Parse(text, kind);
        }
        catch (PolicyParseException)
        {
            return null;
        }
    }

    private static void Serialize(Verdict verdict)
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        VerdictJson.WriteProperties(writer, verdict);
        writer.WriteEndObject();
    }

    // What the functions do with every policy they judge: hash it and diff it against the known-good.
    private static void Record(PolicyDocument policy)
    {
        _ = PolicyHash.Of(policy);
        _ = StatementDiff.Compare(null, policy);
        _ = StatementDiff.Compare(policy, policy);
    }
}
