using System.Globalization;
using Guardrail.Core.Conditions;
using Guardrail.Core.Tests.Corpus;

namespace Guardrail.Core.Tests.Values;

/// <summary>
/// The one runner for tests/cases/values: each case is a condition value ("text") of a kind (date, number, ip) and
/// what it reads as ("expect"), or null when it must be refused.
/// </summary>
public sealed class ValueCaseTests
{
    public static TheoryData<string> Cases => CorpusCase.Ids("values");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_reads_as_expected(string id)
    {
        var testCase = CorpusCase.ById(id);
        var text = testCase.Json["text"]!.GetValue<string>();
        var expect = testCase.Json["expect"]?.GetValue<string>();

        var actual = testCase.Json["kind"]!.GetValue<string>() switch
        {
            "date" => ConditionValues.TryParseDate(text, out var date) ? date.ToString("O", CultureInfo.InvariantCulture) : null,
            "number" => ConditionValues.TryParseNumber(text, out var number) ? number.ToString(CultureInfo.InvariantCulture) : null,
            "ip" => IpRange.TryParse(text, out var range) ? $"{range!.Network}/{range.PrefixLength}" : null,
            var kind => throw new InvalidDataException($"{testCase}: unknown kind {kind}"),
        };

        Assert.Equal(expect, actual);
    }

    [Fact]
    public void Every_case_says_why()
    {
        Assert.All(CorpusCase.Load("values"), c => Assert.False(string.IsNullOrWhiteSpace(c.Json["reason"]?.GetValue<string>()), $"{c} has no reason"));
    }
}
