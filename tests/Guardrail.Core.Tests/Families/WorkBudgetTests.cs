using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Families;

/// <summary>
/// When the work budget runs out the verdict falls back to at-risk with an evaluation-budget finding naming the
/// statement; what was decided before still stands (a certain break stays a break).
/// </summary>
public sealed class WorkBudgetTests
{
    private static readonly RoleArn Role = RoleArn.Parse("arn:aws:iam::123456789012:role/redshift");

    [Fact]
    public void An_undecided_deny_is_at_risk_and_named()
    {
        var policy = Bucket("""{"Sid": "ShortUrls", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*", "Condition": {"NumericLessThan": {"s3:signatureAge": "1000"}}}""");

        var verdict = BucketPolicyEvaluator.Evaluate(policy, Options(), new WorkBudget(0));

        Assert.Equal(AccessVerdict.AtRisk, verdict.Access);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal((RuleIds.EvaluationBudget, "ShortUrls"), (finding.Rule, finding.Statement));
        Assert.Equal(AccessVerdict.Breaks, BucketPolicyEvaluator.Evaluate(policy, Options()).Access);
    }

    [Fact]
    public void A_certain_break_outside_the_budget_still_breaks()
    {
        var ages = string.Join(",", Enumerable.Range(1, 200).Select(i => $"\"{i * 1000}\""));
        var policy = Bucket(
            """{"Sid": "ShortUrls", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*", "Condition": {"NumericLessThan": {"s3:signatureAge": [""" + ages + "]}}}",
            """{"Sid": "NoRedshift", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:role/redshift"}, "Action": "s3:*", "Resource": "arn:aws:s3:::lake/*"}""");

        // Enough to visit both statements and decide the plain one, not to decide 200 ages.
        var verdict = BucketPolicyEvaluator.Evaluate(policy, Options(), new WorkBudget(50));

        Assert.Equal(AccessVerdict.Breaks, verdict.Access);
        Assert.Contains(verdict.Findings, f => f.Rule == RuleIds.EvaluationBudget && f.Statement == "ShortUrls");
        Assert.Contains(verdict.Findings, f => f.Rule == RuleIds.PrincipalDenied && f.Statement == "NoRedshift");
    }

    [Fact]
    public void Allows_that_must_be_combined_beyond_the_budget_are_at_risk_never_ok()
    {
        var policy = Bucket(
            """{"Sid": "Recent", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/redshift"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"], "Condition": {"NumericLessThanIfExists": {"s3:signatureAge": "1800000"}}}""",
            """{"Sid": "Older", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/redshift"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"], "Condition": {"NumericGreaterThanEqualsIfExists": {"s3:signatureAge": "1800000"}}}""");
        var crossAccount = Options() with { BucketAccount = "111122223333" };

        Assert.Equal(AccessVerdict.Ok, BucketPolicyEvaluator.Evaluate(policy, crossAccount).Access);
        var starved = BucketPolicyEvaluator.Evaluate(policy, crossAccount, new WorkBudget(0));

        Assert.Equal(AccessVerdict.AtRisk, starved.Access);
        Assert.Contains(starved.Findings, f => f.Rule == RuleIds.EvaluationBudget);
    }

    [Fact]
    public void A_budget_never_goes_negative_or_accepts_negative_work()
    {
        var budget = new WorkBudget(10);

        Assert.False(budget.TrySpend(-1));
        Assert.False(budget.TrySpend(11));
        Assert.True(budget.TrySpend(10));
        Assert.False(budget.TrySpend(1));
        Assert.Equal(0, budget.Remaining);
    }

    private static BucketCheckOptions Options() =>
        new("lake", [Role], null, ClusterKind.Provisioned, [], ["sales/"], null, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    private static Policies.PolicyDocument Bucket(params string[] statements) =>
        PolicyParser.Parse($$"""{"Version": "2012-10-17", "Statement": [{{string.Join(",", statements)}}]}""", PolicyKind.Bucket);
}
