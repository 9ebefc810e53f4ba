using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Guardrail.Cli.Tests;

/// <summary>
/// Runs tests/cases/ci/checks.json (--fail-on and --exceptions) in every format, and tests/cases/ci/bad-exceptions.json
/// (refused exceptions files).
/// </summary>
public sealed class CiCheckCaseTests
{
    private static JsonArray Cases(string file) => JsonNode.Parse(File.ReadAllText(Testing.RepoRoot.Of("tests", "cases", "ci", file)))!["cases"]!.AsArray();

    public static TheoryData<string> CheckNames => [.. Cases("checks.json").Select(c => c!["name"]!.GetValue<string>())];

    public static TheoryData<string> BadNames => [.. Cases("bad-exceptions.json").Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void Check(string name)
    {
        var c = Cases("checks.json").Single(x => x!["name"]!.GetValue<string>() == name)!;
        var args = c["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        var expect = c["expect"]!;
        var exit = expect["exit"]!.GetValue<int>();

        var json = CliRunner.Run([.. args, "--format", "json"]);
        var text = CliRunner.Run(args);
        var sarif = CliRunner.Run([.. args, "--format", "sarif"]);
        var junit = CliRunner.Run([.. args, "--format", "junit"]);

        Assert.Equal([exit, exit, exit, exit], new[] { json.Exit, text.Exit, sarif.Exit, junit.Exit });
        Assert.Equal(string.Empty, json.Error + text.Error + sarif.Error + junit.Error);
        SchemaValidation.AssertOutputValid(json.Out);
        SchemaValidation.AssertSarifValid(sarif.Out);
        Assert.Equal("testsuites", XDocument.Parse(junit.Out).Root!.Name.LocalName);

        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("schemaVersion", root.EnumerateObject().First().Name);
        if (expect["counted"] is { } counted)
        {
            Assert.Equal(counted.GetValue<string>(), root.GetProperty("counted").GetProperty("verdict").GetString());
            var exceptions = root.GetProperty("exceptions");
            Assert.Equal(expect["excepted"]!.GetValue<int>(), exceptions.GetProperty("excepted").GetInt32());
            Assert.Equal(expect["expired"]!.GetValue<int>(), exceptions.GetProperty("expired").GetInt32());
            Assert.Equal(expect["unused"]!.GetValue<int>(), exceptions.GetProperty("unused").GetArrayLength());
            Assert.Equal(expect["excepted"]!.GetValue<int>(), root.GetProperty("findings").EnumerateArray().Count(f => f.TryGetProperty("excepted", out _)));
            Assert.Equal(expect["expired"]!.GetValue<int>(), root.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("rule").GetString() == "exception-expired"));

            // The same exceptions in SARIF (suppressions) and text (one line each, then the counts).
            using var sarifDocument = JsonDocument.Parse(sarif.Out);
            var results = sarifDocument.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(expect["excepted"]!.GetValue<int>(), results.Count(r => r.TryGetProperty("suppressions", out _)));
            Assert.Equal(expect["excepted"]!.GetValue<int>(), text.Out.Split('\n').Count(l => l.TrimStart().StartsWith("excepted:", StringComparison.Ordinal)));
            Assert.Contains($"counted: {counted.GetValue<string>()}", text.Out, StringComparison.Ordinal);
        }
        else
        {
            Assert.False(root.TryGetProperty("counted", out _));
            Assert.False(root.TryGetProperty("exceptions", out _));
        }

        if (expect["countedSecurity"] is { } security)
        {
            Assert.Equal(security.GetValue<string>(), root.GetProperty("counted").GetProperty("security").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Bad_exceptions_file(string name)
    {
        var c = Cases("bad-exceptions.json").Single(x => x!["name"]!.GetValue<string>() == name)!;
        var errors = c["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        var result = CliRunner.RunWithInput(c["text"]!.GetValue<string>(), "check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", "amzn-s3-demo-bucket", "--spectrum-role", "arn:aws:iam::123456789012:role/redshift", "--exceptions", "-");

        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        var lines = result.Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(errors.Count, lines.Length);
        for (var i = 0; i < errors.Count; i++)
        {
            Assert.StartsWith("guardrail: invalid exceptions file standard input: ", lines[i], StringComparison.Ordinal);
            Assert.Contains(errors[i], lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_fail_on_outcome_is_one_line_and_exit_2()
    {
        var result = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/seed-redshift-only.json", "--role", "arn:aws:iam::123456789012:role/redshift", "--fail-on", "breaks,sometimes\u001b");

        Assert.Equal(2, result.Exit);
        Assert.Equal("guardrail: --fail-on: unknown outcome \"sometimes\\u001b\" (expected a comma list of breaks, at-risk, weakened, or none)\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Policy_and_exceptions_cannot_both_read_standard_input()
    {
        var result = CliRunner.RunWithInput("exceptions: []", "check", "trust-policy", "--policy", "-", "--role", "arn:aws:iam::123456789012:role/redshift", "--exceptions", "-");

        Assert.Equal(2, result.Exit);
        Assert.Contains("cannot both read standard input", result.Error, StringComparison.Ordinal);
    }
}
