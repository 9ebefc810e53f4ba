using System.Text.Json.Nodes;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;
using Guardrail.Testing.Adversarial;

namespace Guardrail.Core.Tests.Families;

/// <summary>
/// The adversarial families of issue 7 (tests/cases/adversarial/families.json) get a real verdict with the right
/// rules: no exception, no giving up where the answer is decidable. Their speed lives in bench/ (AdversarialBenchmarks).
/// </summary>
public sealed class AdversarialFamilyTests
{
    public static TheoryData<string> Families => [.. FamilyNames()];

    [Theory]
    [MemberData(nameof(Families))]
    public void Family_gets_the_expected_verdict(string family)
    {
        var expect = Cases().Single(c => c["family"]!.GetValue<string>() == family)["expect"]!.AsObject();
        var subject = AdversarialPolicies.Build(family);

        var verdict = BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(subject.Policy, PolicyKind.Bucket), subject.Options);

        Assert.Equal(expect["verdict"]!.GetValue<string>(), verdict.Access.ToText());
        Assert.Equal(
            expect["rules"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal),
            verdict.AccessFindings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_generated_family_has_an_expectation()
    {
        Assert.Equal(AdversarialPolicies.Names.Order(StringComparer.Ordinal), FamilyNames().Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> FamilyNames() => Cases().Select(c => c["family"]!.GetValue<string>());

    private static IEnumerable<JsonObject> Cases() =>
        JsonNode.Parse(File.ReadAllText(RepoRoot.Of("tests", "cases", "adversarial", "families.json")))!.AsArray().Select(c => c!.AsObject());
}
