using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;

namespace Guardrail.Core.Tests.Exceptions;

/// <summary>Runs tests/cases/exceptions/decisions.json through <see cref="ExceptionJudge.Decide"/>.</summary>
public sealed class ExceptionDecisionCaseTests
{
    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "cases", "exceptions", "decisions.json")))!["cases"]!.AsArray();

    public static TheoryData<string> Names => [.. Cases.Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = Cases.Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        var today = DateOnly.ParseExact(c["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var findings = c["findings"]!.AsArray().Select(f => new ExceptionSubject(
            new Finding(f!["rule"]!.GetValue<string>(), Severity.High, FindingKind.Access, f["statement"]!.GetValue<string>(), "m", "f"),
            [.. f["names"]!.AsArray().Select(n => n!.GetValue<string>())])).ToList();
        var exceptions = c["exceptions"]!.AsArray().Select(e => new FindingException(
            e!["rule"]!.GetValue<string>(),
            e["resource"]!.GetValue<string>(),
            e["statement"]?.GetValue<string>(),
            e["reason"]!.GetValue<string>(),
            DateOnly.ParseExact(e["expires"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        var expect = c["expect"]!;

        var decision = ExceptionJudge.Decide(findings, exceptions, today);

        Assert.Equal(expect["exceptedBy"]!.AsArray().Select(i => i is null ? (int?)null : i.GetValue<int>()), decision.ExceptedBy.Select(e => e is null ? (int?)null : IndexOf(exceptions, e)));
        Assert.Equal(expect["expired"]!.AsArray().Select(i => i!.GetValue<int>()), decision.Expired.Select(e => IndexOf(exceptions, e.Exception)));
        Assert.Equal(expect["unused"]!.AsArray().Select(i => i!.GetValue<int>()), decision.Unused.Select(e => IndexOf(exceptions, e)));
        Assert.All(decision.Expired, e =>
        {
            Assert.Equal(RuleIds.ExceptionExpired, e.Finding.Rule);
            Assert.Equal(FindingKind.Security, e.Finding.Kind);
            Assert.Equal(Severity.Low, e.Finding.Severity);
            Assert.Contains(e.Exception.Reason, e.Finding.Message, StringComparison.Ordinal);
            Assert.Contains(e.Exception.Resource, e.Finding.Message, StringComparison.Ordinal);
        });
    }

    private static int IndexOf(List<FindingException> list, FindingException item) => list.FindIndex(e => ReferenceEquals(e, item));
}
