using CsCheck;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Evaluation;

/// <summary>Patterns decided on a documented value shape: certain only when every (or no) string of the shape matches.</summary>
public sealed class ValueShapeTests
{
    [Theory]
    [InlineData("*", true, Tri.True)]
    [InlineData("*:*", true, Tri.True)]
    [InlineData("AROA*", true, Tri.True)]
    [InlineData("AROA?*:??*", true, Tri.True)]
    [InlineData("AIDA*", true, Tri.False)]
    [InlineData("*/*", true, Tri.False)]
    [InlineData("*:?", true, Tri.False)]
    [InlineData("", true, Tri.False)]
    [InlineData("AROAEXAMPLEID:*", true, Tri.Unknown)]
    [InlineData("*:RedshiftIamRoleSession", true, Tri.Unknown)]
    [InlineData("AROA*", false, Tri.False)]
    [InlineData("AROAEXAMPLEID:session", false, Tri.Unknown)]
    [InlineData("AROAEXAMPLEID:s", false, Tri.False)]
    public void Role_session_userid_decides_only_what_its_form_decides(string pattern, bool wildcards, Tri expected)
    {
        Assert.Equal(expected, KeyShapeTable.RoleSessionUserId.Matches(new Glob(pattern), wildcards, ignoreCase: false));
    }

    [Theory]
    [InlineData("aroaexampleid:session", false, Tri.False)]
    [InlineData("aroaexampleid:session", true, Tri.Unknown)]
    public void Ignoring_case_widens_what_may_match(string pattern, bool ignoreCase, Tri expected)
    {
        Assert.Equal(expected, KeyShapeTable.RoleSessionUserId.Matches(new Glob(pattern), wildcards: false, ignoreCase));
    }

    [Fact]
    public void Substituted_wildcards_are_literal()
    {
        var literalStar = new Glob("*", [true]);

        Assert.Equal(Tri.False, KeyShapeTable.RoleSessionName.Matches(literalStar, wildcards: true, ignoreCase: false));
    }

    [Fact]
    public void Work_beyond_the_budget_leaves_the_answer_unknown()
    {
        // Every string matches a run of stars, but proving it for a 30,000-character pattern is not attempted.
        Assert.Equal(Tri.Unknown, KeyShapeTable.RoleSessionUserId.Matches(new Glob(new string('*', 30_000)), wildcards: true, ignoreCase: false));
    }

    [Fact]
    public void Certain_answers_hold_for_every_sampled_value_of_the_shape()
    {
        // Small alphabets so that patterns and values share characters often.
        var values = Gen.Select(
            Gen.String[Gen.Char["AB_9"], 1, 4],
            Gen.String[Gen.Char["ab.=@-"], 2, 5],
            (id, session) => $"AROA{id}:{session}");
        var patterns = Gen.String[Gen.Char["AROB:a.*?/_"], 0, 8];

        Gen.Select(patterns, values.Array[20]).Sample((pattern, sample) =>
        {
            var decided = KeyShapeTable.RoleSessionUserId.Matches(new Glob(pattern), wildcards: true, ignoreCase: false);
            if (decided != Tri.Unknown)
            {
                Assert.All(sample, value => Assert.Equal(decided == Tri.True, new Glob(pattern).IsMatch(value, ignoreCase: false)));
            }
        }, iter: 3000);
    }

    [Fact]
    public void A_shape_without_runs_is_decided_exactly()
    {
        var shape = new ValueShape(ShapePart.Literal("redshift.amazonaws.com"));
        var patterns = Gen.String[Gen.Char["redshift.amazonaws.com*?x"], 0, 24];

        patterns.Sample(pattern =>
            Assert.Equal(
                TriLogic.From(new Glob(pattern).IsMatch("redshift.amazonaws.com", ignoreCase: false)),
                shape.Matches(new Glob(pattern), wildcards: true, ignoreCase: false)), iter: 3000);
    }
}
