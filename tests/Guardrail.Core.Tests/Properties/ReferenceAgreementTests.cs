using System.Globalization;
using CsCheck;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using Guardrail.Testing.Reference;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// The bounded evaluator decides each statement over its own points instead of listing the cross product of every
/// dimension; it must agree with the materialising evaluator of commit 217b308 (kept as an oracle) on every policy
/// small enough for the oracle: same access verdict, same access rules.
/// </summary>
public sealed class ReferenceAgreementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string> Ages = Gen.Frequency(
        (3, Gen.Long[0, 3_700_000].Select(v => v.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("3600000", "3599999", "0", "1", "1000.5", "-5", "abc")));

    private static readonly Gen<string> Dates = Gen.Frequency(
        (3, Gen.Int[-400, 4000].Select(days => Now.AddDays(days).AddSeconds(days * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
        (1, Gen.Long[1_700_000_000, 1_900_000_000].Select(v => v.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("2026-11-27T00:00:00Z", "2026-11-27T00:00:00.5Z", "2026-11-27", "not a date")));

    private static readonly Gen<ConditionClause> RangeClause = Gen.OneOf(
        Gen.Select(
            Gen.OneOf("NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals", "NumericLessThanIfExists", "ForAnyValue:NumericGreaterThan"),
            Ages.Array[1, 4],
            (op, values) => Clause(op, "s3:signatureAge", values)),
        Gen.Select(
            Gen.OneOf("DateLessThan", "DateGreaterThan", "DateEquals", "DateNotEquals", "DateLessThanEquals", "DateGreaterThanEqualsIfExists"),
            Gen.OneOf("aws:CurrentTime", "aws:EpochTime"),
            Dates.Array[1, 4],
            (op, key, values) => Clause(op, key, values)),
        Gen.Select(
            Gen.OneOf("NumericLessThan", "NumericGreaterThan", "NumericEquals"),
            Gen.Long[1_700_000_000, 1_900_000_000].Array[1, 3],
            (op, values) => Clause(op, "aws:EpochTime", [.. values.Select(v => v.ToString(CultureInfo.InvariantCulture))])));

    // One clause per key: a listing carries one unknown signature age, which the bounded evaluator keeps the same
    // across a statement's clauses while the oracle weighs each clause's possibilities apart (so with two clauses
    // on it the oracle is less precise; tests/cases/spectrum/bucket-extreme-values.json covers that case).
    private static readonly Gen<Statement> RangedStatement =
        Gen.Select(PolicyGenerators.AnyStatement, RangeClause.List[0, 3], (statement, extra) =>
            statement with { Conditions = [.. statement.Conditions.Concat(extra).DistinctBy(c => c.Key.ToUpperInvariant())] });

    private static readonly Gen<PolicyDocument> RangedPolicies =
        Gen.Select(RangedStatement.List[1, 5], Gen.OneOf<string?>("2012-10-17", null), (statements, version) => PolicyGenerators.Document(version, statements));

    [Fact]
    public void Bounded_evaluation_agrees_with_the_materialising_oracle()
    {
        Gen.Select(RangedPolicies, PolicyGenerators.Options).Sample((policy, options) =>
        {
            var bounded = BucketPolicyEvaluator.Evaluate(policy, options);
            var (access, rules) = ReferenceEvaluator.Evaluate(policy, options);

            var shown = $"{Parsing.PolicySerializer.ToJson(policy)} with {options}";
            Assert.True(access == bounded.Access, $"oracle {access}, bounded {bounded.Access}: {shown}");
            if (policy.Statements.Count(st => st.Conditions.Any(c => c.Key.Equals("s3:signatureAge", StringComparison.OrdinalIgnoreCase))) > 1)
            {
                // The oracle names rules from each clause's possibilities apart; with several statements on the
                // listing's one unknown age only its verdict (decided per world above) is comparable.
                return;
            }

            var expected = string.Join(",", rules.Order(StringComparer.Ordinal));
            var actual = string.Join(",", bounded.AccessFindings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal));
            Assert.True(expected == actual, $"oracle rules [{expected}], bounded [{actual}]: {shown}");
        }, iter: 1500);
    }

    [Fact]
    public void The_oracle_is_not_vacuous_on_these_policies()
    {
        // Agreement only means something if the generated policies reach every verdict.
        // CsCheck samples on several threads: the set of verdicts seen is concurrent.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<Findings.AccessVerdict, bool>();
        Gen.Select(RangedPolicies, PolicyGenerators.Options).Sample((policy, options) =>
        {
            seen.TryAdd(ReferenceEvaluator.Evaluate(policy, options).Access, true);
        }, iter: 400);

        Assert.Equal(Enum.GetValues<Findings.AccessVerdict>().Order(), seen.Keys.Order());
    }

    private static ConditionClause Clause(string op, string key, string[] values)
    {
        if (!Parsing.ConditionOperatorParser.TryParse(op, out var parsed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return new ConditionClause(parsed!, key, values);
    }
}
