using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.SizeLimits;

/// <summary>
/// A policy larger than AWS stores is judged all the same and reported with <c>policy-size-limit</c> (security, info):
/// it is not a weakness (AWS refuses the document), so the security verdict stays <c>ok</c>. White space is not
/// counted, as IAM does not count it.
/// </summary>
public sealed class PolicySizeFindingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly RoleArn Role = RoleArn.Parse("arn:aws:iam::123456789012:role/redshift");

    [Theory]
    [InlineData(20 * 1024, false)]
    [InlineData((20 * 1024) + 1, true)]
    public void Bucket_policy_over_20_KB_without_white_space_is_reported(int bytes, bool reported)
    {
        var verdict = BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(BucketPolicyOf(bytes), PolicyKind.Bucket), BucketOptions());

        Assert.Equal(AccessVerdict.Ok, verdict.Access);
        Assert.Equal(SecurityVerdict.Ok, verdict.Security);
        Assert.Equal(reported, SizeFinding(verdict) is not null);
    }

    [Fact]
    public void White_space_does_not_count()
    {
        var padded = BucketPolicyOf(1000).Replace(",", ",\n" + new string(' ', 200), StringComparison.Ordinal) + new string('\n', 50_000);

        var verdict = BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(padded, PolicyKind.Bucket), BucketOptions());

        Assert.True(padded.Length > 50_000);
        Assert.Null(SizeFinding(verdict));
    }

    [Theory]
    [InlineData(2048, null)]
    [InlineData(2049, "only if the account's Role trust policy length quota was raised")]
    [InlineData(4096, "only if the account's Role trust policy length quota was raised")]
    [InlineData(4097, "so IAM would refuse it")]
    public void Trust_policy_over_2048_characters_is_reported_with_what_iam_does(int characters, string? says)
    {
        var verdict = TrustPolicyEvaluator.Evaluate(PolicyParser.Parse(TrustPolicyOf(characters), PolicyKind.Trust), new TrustCheckOptions([Role], Now));

        Assert.Equal(AccessVerdict.Ok, verdict.Access);
        Assert.Equal(SecurityVerdict.Ok, verdict.Security);
        var finding = SizeFinding(verdict);
        Assert.Equal(says is not null, finding is not null);
        if (finding is not null)
        {
            Assert.Equal((Severity.Info, FindingKind.Security, "(policy)"), (finding.Severity, finding.Kind, finding.Statement));
            Assert.Contains($"{characters:N0} characters", finding.Message, StringComparison.Ordinal);
            Assert.Contains(says!, finding.Message, StringComparison.Ordinal);
            Assert.Equal(Fixes.For(RuleIds.PolicySizeLimit), finding.Fix);
        }
    }

    private static Finding? SizeFinding(Verdict verdict) => verdict.Findings.SingleOrDefault(f => f.Rule == RuleIds.PolicySizeLimit);

    private static BucketCheckOptions BucketOptions() => new("amzn-s3-demo-bucket", [Role], null, ClusterKind.Provisioned, [], [], null, Now);

    // A compact (white-space-free) policy of exactly the given size, padded in its Sid.
    private static string BucketPolicyOf(int size)
    {
        const string Head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"";
        const string Tail = "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/redshift\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}";
        return Head + new string('s', size - Head.Length - Tail.Length) + Tail;
    }

    private static string TrustPolicyOf(int size)
    {
        const string Head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"";
        const string Tail = "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"redshift.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        return Head + new string('s', size - Head.Length - Tail.Length) + Tail;
    }
}
