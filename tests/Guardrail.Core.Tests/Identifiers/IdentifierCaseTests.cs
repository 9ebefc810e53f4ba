using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Tests.Corpus;

namespace Guardrail.Core.Tests.Identifiers;

/// <summary>
/// The one runner for tests/cases/identifiers: each case is a value of a kind (bucket, account, vpce, org, topic,
/// prefix, role, chain), whether the shared validators accept it, and the words of the problem when they do not.
/// A value is a string, or {"prefix", "repeat", "times", "suffix"} for long ones.
/// </summary>
public sealed class IdentifierCaseTests
{
    public static TheoryData<string> Cases => CorpusCase.Ids("identifiers");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Identifier_is_accepted_or_refused_with_its_reason(string id)
    {
        var testCase = CorpusCase.ById(id);
        var value = Value(testCase.Json["value"]!);
        var kind = testCase.Json["kind"]!.GetValue<string>();

        var problem = Problem(kind, value);

        var valid = testCase.Json["valid"]!.GetValue<bool>();
        Assert.True(valid == (problem is null), $"{testCase}: {problem ?? "accepted"}");
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
        Assert.All(CorpusCase.Load("identifiers"), c => Assert.False(string.IsNullOrWhiteSpace(c.Json["reason"]?.GetValue<string>()), $"{c} has no reason"));
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
