using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// The core is total over hostile input: 20,000 fixed cases of damaged and edge-valued policies (see
/// <see cref="HostileGenerators"/>) either parse or are rejected with a <see cref="PolicyParseException"/>, are judged
/// without an exception, never end the CLI's path in exit 4, and get the same verdict whatever the statement order.
/// </summary>
public sealed class HostilePropertyTests
{
    private static readonly JsonWriterOptions CliJson = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Hostile_text_parses_or_is_rejected_with_a_parse_error()
    {
        HostileCases.Check(HostileGenerators.Texts, 8_000, text => text, text =>
        {
            foreach (var kind in new[] { PolicyKind.Bucket, PolicyKind.Trust })
            {
                try
                {
                    PolicyParser.Parse(text, kind);
                }
                catch (PolicyParseException)
                {
                    // The answer to bad input: exit 2 with a message.
                }
            }
        });
    }

    [Fact]
    public void The_cli_path_never_ends_in_an_internal_error()
    {
        // What `guardrail check` does with a policy: parse (a parse error is exit 2), judge, write the JSON verdict.
        // The CLI turns any other exception into exit 4, so here any exception escaping is an exit 4.
        var gen = Gen.Select(HostileGenerators.Texts, HostileGenerators.BucketOptions, HostileGenerators.TrustOptions);
        HostileCases.Check(gen, 6_000, c => $"{Describe(c.Item2)}; {Describe(c.Item3)}: {c.Item1}", c =>
        {
            var (text, bucketOptions, trustOptions) = c;
            if (Parse(text, PolicyKind.Bucket) is { } bucketPolicy)
            {
                WriteAsCli(BucketPolicyEvaluator.Evaluate(bucketPolicy, bucketOptions));
            }

            if (Parse(text, PolicyKind.Trust) is { } trustPolicy)
            {
                WriteAsCli(TrustPolicyEvaluator.Evaluate(trustPolicy, trustOptions));
            }
        });
    }

    [Fact]
    public void Hostile_bucket_policies_are_judged_without_exception_and_statement_order_never_changes_the_verdict() =>
        JudgedTheSameInAnyOrder(HostileGenerators.BucketPolicies, HostileGenerators.BucketOptions, 5_000, PolicyKind.Bucket, (p, o) => BucketPolicyEvaluator.Evaluate(p, o), Describe);

    [Fact]
    public void Hostile_trust_policies_are_judged_without_exception_and_statement_order_never_changes_the_verdict() =>
        JudgedTheSameInAnyOrder(HostileGenerators.TrustPolicies, HostileGenerators.TrustOptions, 1_000, PolicyKind.Trust, (p, o) => TrustPolicyEvaluator.Evaluate(p, o), Describe);

    private static void JudgedTheSameInAnyOrder<TOptions>(
        Gen<string> texts, Gen<TOptions> situations, int count, PolicyKind kind, Func<PolicyDocument, TOptions, Verdict> evaluate, Func<TOptions, string> describe)
    {
        var judged = 0;
        HostileCases.Check(Gen.Select(texts, situations, Gen.Int), count, c => $"{describe(c.Item2)}: {c.Item1}", c =>
        {
            var (text, options, seed) = c;
            if (Parse(text, kind) is not { } policy)
            {
                return;
            }

            Interlocked.Increment(ref judged);
            AssertSameVerdict(evaluate(policy, options), evaluate(Reordered(policy, seed), options));
        });

        // Most hostile documents are valid policies, or this test would judge little.
        Assert.True(judged > count / 2, $"only {judged} of {count} hostile {kind} policies parsed");
    }

    private static PolicyDocument? Parse(string text, PolicyKind kind)
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

    // Same text and version, statements in another order (re-indexed as a parser would).
    private static PolicyDocument Reordered(PolicyDocument policy, int seed) =>
        policy with { Statements = PolicyGenerators.Document(policy.Version, policy.Statements.OrderBy(_ => new Random(seed).Next()).Reverse()).Statements };

    private static void AssertSameVerdict(Verdict before, Verdict after)
    {
        if (before.Access != after.Access)
        {
            throw new HostileCases.Violation("reordering statements changes the access verdict", $"{before.Access.ToText()} became {after.Access.ToText()}");
        }

        // Statements without a Sid are named by position, which a reordering changes; rule ids do not.
        var rulesBefore = before.Findings.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
        var rulesAfter = after.Findings.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
        if (!rulesBefore.SetEquals(rulesAfter))
        {
            throw new HostileCases.Violation("reordering statements changes the rules found", $"[{string.Join(", ", rulesBefore.Order())}] became [{string.Join(", ", rulesAfter.Order())}]");
        }
    }

    private static string Describe(BucketCheckOptions o) =>
        $"bucket check as {string.Join(",", o.SpectrumRoles)}{(o.BucketAccount is null ? string.Empty : $", bucket account {o.BucketAccount}")}, {o.Cluster}"
        + $"{(o.VpceIds.Count > 0 ? $", vpce {string.Join(",", o.VpceIds)}" : string.Empty)}{(o.Prefixes.Count > 0 ? $", prefixes {string.Join(",", o.Prefixes)}" : string.Empty)}"
        + $"{(o.OrgId is null ? string.Empty : $", org {o.OrgId}")}";

    private static string Describe(TrustCheckOptions o) => $"trust check of {string.Join(",", o.Chain)}";

    private static void WriteAsCli(Verdict verdict)
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream, CliJson);
        writer.WriteStartObject();
        VerdictJson.WriteProperties(writer, verdict);
        writer.WriteEndObject();
    }
}
