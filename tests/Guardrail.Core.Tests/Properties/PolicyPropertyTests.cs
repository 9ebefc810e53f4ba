using CsCheck;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Properties;

/// <summary>Properties that must hold for every policy, checked over generated policies.</summary>
public sealed class PolicyPropertyTests
{
    private const int Iterations = 300;

    [Fact]
    public void Serializing_then_parsing_gives_back_the_same_policy()
    {
        PolicyGenerators.Policies.Sample(policy =>
        {
            var json = PolicySerializer.ToJson(policy);
            var parsed = PolicyParser.Parse(json, PolicyKind.Bucket);

            Assert.Equal(json, PolicySerializer.ToJson(parsed));
            Assert.Equal(policy.Version, parsed.Version);
            Assert.Equal(policy.Statements.Count, parsed.Statements.Count);
            for (var i = 0; i < policy.Statements.Count; i++)
            {
                var (a, b) = (policy.Statements[i], parsed.Statements[i]);
                Assert.Equal(a.Effect, b.Effect);
                Assert.Equal(a.Sid, b.Sid);
                Assert.Equal(a.Action.Patterns, b.Action.Patterns);
                Assert.Equal(a.Action.Negated, b.Action.Negated);
                Assert.Equal(a.Resource!.Patterns, b.Resource!.Patterns);
                Assert.Equal(a.Principal!.Negated, b.Principal!.Negated);
                Assert.Equal(a.Principal.Spec.IsEveryone, b.Principal.Spec.IsEveryone);
                // A Condition block is a map: clause order carries no meaning.
                Assert.Equal(Clauses(a), Clauses(b));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Statement_order_never_changes_the_verdict()
    {
        Gen.Select(PolicyGenerators.Policies, PolicyGenerators.Options, Gen.Int).Sample((policy, options, seed) =>
        {
            var shuffled = PolicyGenerators.Document(policy.Version, policy.Statements.OrderBy(_ => new Random(seed).Next()).Reverse());

            var before = BucketPolicyEvaluator.Evaluate(policy, options);
            var after = BucketPolicyEvaluator.Evaluate(shuffled, options);

            Assert.Equal(before.Access, after.Access);
            Assert.Equal(before.Security, after.Security);
            Assert.Equal(Rules(before), Rules(after));
        }, iter: Iterations);
    }

    [Fact]
    public void Adding_a_deny_never_makes_access_better()
    {
        Gen.Select(PolicyGenerators.Policies, PolicyGenerators.StatementOf(Effect.Deny), PolicyGenerators.Options).Sample((policy, deny, options) =>
        {
            var before = BucketPolicyEvaluator.Evaluate(policy, options).Access;
            var after = BucketPolicyEvaluator.Evaluate(PolicyGenerators.Document(policy.Version, policy.Statements.Append(deny)), options).Access;

            Assert.True(after >= before, $"adding a Deny turned {before.ToText()} into {after.ToText()}\n{PolicySerializer.ToJson(policy)}\n+ {PolicySerializer.ToJson(PolicyGenerators.Document(null, [deny]))}");
        }, iter: Iterations);
    }

    [Fact]
    public void Adding_an_allow_never_makes_access_worse()
    {
        Gen.Select(PolicyGenerators.Policies, PolicyGenerators.StatementOf(Effect.Allow), PolicyGenerators.Options).Sample((policy, allow, options) =>
        {
            var before = BucketPolicyEvaluator.Evaluate(policy, options).Access;
            var after = BucketPolicyEvaluator.Evaluate(PolicyGenerators.Document(policy.Version, policy.Statements.Append(allow)), options).Access;

            Assert.True(after <= before, $"adding an Allow turned {before.ToText()} into {after.ToText()}\n{PolicySerializer.ToJson(policy)}\n+ {PolicySerializer.ToJson(PolicyGenerators.Document(null, [allow]))}");
        }, iter: Iterations);
    }

    [Fact]
    public void Verdict_and_findings_agree()
    {
        Gen.Select(PolicyGenerators.Policies, PolicyGenerators.Options).Sample((policy, options) =>
        {
            var verdict = BucketPolicyEvaluator.Evaluate(policy, options);

            // Every non-ok verdict is explained, and an ok verdict has no access finding.
            Assert.Equal(verdict.Access != AccessVerdict.Ok, verdict.AccessFindings.Any());
            Assert.Equal(verdict.Security == SecurityVerdict.Weakened, verdict.SecurityFindings.Any());
            if (verdict.Access == AccessVerdict.Breaks)
            {
                Assert.Contains(verdict.AccessFindings, f => f.Severity == Severity.High);
            }
        }, iter: Iterations);
    }

    // Statements without a Sid are named by position, which a shuffle changes; rule ids do not.
    private static List<string> Rules(Verdict verdict) =>
        [.. verdict.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal)];

    private static List<string> Clauses(Statement statement) =>
        [.. statement.Conditions.Select(c => $"{c.Operator.Name} {c.Key} {string.Join("|", c.Values)}").Order(StringComparer.Ordinal)];
}
