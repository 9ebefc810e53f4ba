using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Core.Conditions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Tests.Corpus;

namespace Guardrail.Core.Tests.Inputs;

/// <summary>
/// The one runner for the cases of the values the guardrail reads:
/// values/ — a condition value ("text") of a kind (date, number, ip) and what it reads as ("expect"), or null when
/// it must be refused;
/// identifiers/ — a value of a kind (bucket, account, vpce, org, topic, prefix, role, chain), whether the shared
/// validators accept it ("valid") and words of the problem when they do not ("problem"). A value is a string, or
/// {"prefix", "repeat", "times", "suffix"} for long ones.
/// </summary>
public sealed class InputCaseTests
{
    public static TheoryData<string> ValueCases => CorpusCase.Ids("values");

    public static TheoryData<string> IdentifierCases => CorpusCase.Ids("identifiers");

    [Theory]
    [MemberData(nameof(ValueCases))]
    public void Value_reads_as_expected(string id)
    {
        var testCase = CorpusCase.ById(id);
        var text = testCase.Json["text"]!.GetValue<string>();

        var actual = testCase.Json["kind"]!.GetValue<string>() switch
        {
            "date" => ConditionValues.TryParseDate(text, out var date) ? date.ToString("O", CultureInfo.InvariantCulture) : null,
            "number" => ConditionValues.TryParseNumber(text, out var number) ? number.ToString(CultureInfo.InvariantCulture) : null,
            "ip" => IpRange.TryParse(text, out var range) ? $"{range!.Network}/{range.PrefixLength}" : null,
            var kind => throw new InvalidDataException($"{testCase}: unknown kind {kind}"),
        };

        Assert.Equal(testCase.Json["expect"]?.GetValue<string>(), actual);
    }

    [Theory]
    [MemberData(nameof(IdentifierCases))]
    public void Identifier_is_accepted_or_refused_with_its_reason(string id)
    {
        var testCase = CorpusCase.ById(id);
        var value = Value(testCase.Json["value"]!);

        var problem = Problem(testCase.Json["kind"]!.GetValue<string>(), value);

        Assert.True(testCase.Json["valid"]!.GetValue<bool>() == (problem is null), $"{testCase}: {problem ?? "accepted"}");
        if (testCase.Json["problem"]?.GetValue<string>() is { } expected)
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }

        if (problem is not null)
        {
            // A problem is shown to people: one line, and the value in it cut short.
            Assert.DoesNotContain('\n', problem);
            Assert.DoesNotContain('\u001b', problem);
            Assert.True(problem.Length < 400, $"{problem.Length} characters");
        }

        if (testCase.Json["roleName"]?.GetValue<string>() is { } name)
        {
            Assert.Equal(name, RoleArn.Parse(value).Name);
        }

        if (testCase.Json["chainLength"]?.GetValue<int>() is { } length)
        {
            Assert.Equal(length, RoleArn.ParseChain(value).Count);
        }
    }

    [Fact]
    public void Every_case_says_why()
    {
        Assert.All(
            CorpusCase.Load("values").Concat(CorpusCase.Load("identifiers")),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Json["reason"]?.GetValue<string>()), $"{c} has no reason"));
    }

    private static string? Problem(string kind, string value) => kind switch
    {
        "bucket" => AwsIdentifiers.BucketNameProblem(value),
        "account" => AwsIdentifiers.AccountIdProblem(value),
        "vpce" => AwsIdentifiers.VpceIdProblem(value),
        "org" => AwsIdentifiers.OrgIdProblem(value),
        "topic" => AwsIdentifiers.SnsTopicArnProblem(value),
        "prefix" => AwsIdentifiers.KeyPrefixProblem(value),
        "role" => RoleArn.Problem(value),
        "chain" => ChainProblem(value),
        _ => throw new InvalidDataException($"unknown kind {kind}"),
    };

    private static string? ChainProblem(string value)
    {
        try
        {
            RoleArn.ParseChain(value);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static string Value(JsonNode node) => node is JsonObject spec
        ? spec["prefix"]?.GetValue<string>() + string.Concat(Enumerable.Repeat(spec["repeat"]!.GetValue<string>(), spec["times"]!.GetValue<int>())) + spec["suffix"]?.GetValue<string>()
        : node.GetValue<string>();
}
