using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Tests.Evaluation;

/// <summary>Glob subsumption and overlap on the family of object ARNs under a table location.</summary>
public sealed class ArnFamilyTests
{
    private const string Family = "arn:aws:s3:::lake/sales/";

    [Theory]
    [InlineData("*", Tri.True)]
    [InlineData("arn:aws:s3:::lake/*", Tri.True)]
    [InlineData("arn:aws:s3:::lake/sal*", Tri.True)]
    [InlineData("arn:aws:s3:::lake/sales/*", Tri.True)]
    [InlineData("arn:aws:s3:::lake/s?les/*", Tri.True)]
    [InlineData("arn:aws:s3:::*/sales/*", Tri.True)]
    [InlineData("arn:aws:s3:::lake/sales/2024/*", Tri.Unknown)]
    [InlineData("arn:aws:s3:::lake/*.parquet", Tri.Unknown)]
    [InlineData("arn:aws:s3:::lake/sales/", Tri.Unknown)]
    [InlineData("arn:aws:s3:::lake/sales", Tri.False)]
    [InlineData("arn:aws:s3:::lake/hr/*", Tri.False)]
    [InlineData("arn:aws:s3:::other/sales/*", Tri.False)]
    [InlineData("arn:aws:s3:::lake/Sales/*", Tri.False)]
    [InlineData("arn:aws:iam::*", Tri.False)]
    public void Pattern_covers_all_some_or_none_of_the_family(string pattern, Tri expected)
    {
        Assert.Equal(expected, ArnMatcher.MatchFamily(new Glob(pattern), Family));
    }

    [Theory]
    [InlineData("arn:aws:s3:::lake/sales/2024/*")]
    [InlineData("arn:aws:s3:::lake/*.parquet")]
    [InlineData("arn:aws:s3:::lake/s*/x?y")]
    public void A_witness_of_a_partial_pattern_is_in_both_the_family_and_the_pattern(string pattern)
    {
        var witness = ArnMatcher.WitnessInFamily(new Glob(pattern), Family);

        Assert.NotNull(witness);
        Assert.StartsWith(Family, witness, StringComparison.Ordinal);
        Assert.True(ArnMatcher.IsMatch(new Glob(pattern), witness));
    }

    [Fact]
    public void Disjoint_patterns_have_no_witness()
    {
        Assert.Null(ArnMatcher.WitnessInFamily(new Glob("arn:aws:s3:::lake/hr/*"), Family));
    }

    [Theory]
    [InlineData("arn:aws:s3:::lake/*", "arn:aws:s3:::lake/a:b/c", true)]
    [InlineData("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:iam::*", "arn:aws:iam::123456789012:role/x", false)]
    [InlineData("arn:aws:*:123456789012:role/x", "arn:aws:iam::123456789012:role/x", false)]
    public void Wildcards_do_not_cross_the_first_five_colons(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnMatcher.IsMatch(new Glob(pattern), arn));
    }

    [Fact]
    public void Literal_positions_from_policy_variables_are_not_wildcards()
    {
        var pattern = new Glob("arn:aws:s3:::lake/*", [.. Enumerable.Repeat(false, 18), true]);

        Assert.True(ArnMatcher.IsMatch(pattern, "arn:aws:s3:::lake/*"));
        Assert.False(ArnMatcher.IsMatch(pattern, "arn:aws:s3:::lake/x"));
        Assert.Equal(Tri.False, ArnMatcher.MatchFamily(pattern, "arn:aws:s3:::lake/sales/"));
    }
}
