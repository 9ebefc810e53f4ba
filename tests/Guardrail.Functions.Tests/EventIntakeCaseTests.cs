using System.Text.Json.Nodes;
using Guardrail.Cli;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Runs tests/cases/events/intake.json, strict.json and partition-invoke.json: each case changes an events/ file and runs it through <c>guardrail invoke</c>,
/// then checks the exit code and the one line (stderr) or the outcome (stdout) the user sees.
/// </summary>
public sealed class EventIntakeCaseTests
{
    // What `invoke` without --dry-run needs besides the variables under test; no AWS call is made by these cases
    // because they fail while the configuration is read.
    private static readonly Dictionary<string, string?> RealRunBase = new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["GUARDRAIL_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:alerts",
        ["GUARDRAIL_STATE_TABLE"] = "state",
        ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift",
        ["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket",
    };

    // intake.json predates citing pages; the files after it cite, for each case, the pages it follows.
    private static readonly string[] Files = ["intake.json", "strict.json", "partition-invoke.json"];

    public static TheoryData<string, string> Names
    {
        get
        {
            var names = new TheoryData<string, string>();
            foreach (var file in Files)
            {
                foreach (var c in EventCase.Cases(file))
                {
                    names.Add(file, c!["name"]!.GetValue<string>());
                }
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string file, string name)
    {
        var c = EventCase.Cases(file).Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        if (file != Files[0])
        {
            EventCase.AssertCites(c);
        }

        var real = c["aws"]?.GetValue<bool>() == true;
        var env = new Dictionary<string, string?>(real ? RealRunBase : []);
        foreach (var (key, value) in c["env"]?.AsObject() ?? [])
        {
            env[key] = value?.GetValue<string>();
        }

        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["invoke", "--function", c["function"]!.GetValue<string>(), "--event", "-", .. real ? Array.Empty<string>() : ["--dry-run"]];
        var exit = GuardrailCli.Run(args, new CliEnvironment(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EventCase.Text(c))), output, error, false, () => DateTimeOffset.UtcNow, Paths.Root, n => env.GetValueOrDefault(n)));

        var expected = c["exit"]!.GetValue<int>();
        var message = c["message"]?.GetValue<string>();
        Assert.True(exit == expected, $"exit {exit}, expected {expected}\nstdout: {output}\nstderr: {Cut(error.ToString())}");
        string shown;
        if (expected == 2)
        {
            shown = error.ToString().TrimEnd();
            Assert.DoesNotContain('\n', shown);
            Assert.StartsWith("guardrail: ", shown, StringComparison.Ordinal);
        }
        else
        {
            var json = JsonNode.Parse(output.ToString())!;
            Assert.Equal(c["outcome"]!.GetValue<string>(), json["outcome"]!.GetValue<string>());
            Assert.Equal(c["verdict"]?.GetValue<string>(), json["verdict"]?.GetValue<string>());
            shown = json["reason"]?.GetValue<string>() ?? string.Empty;
        }

        if (message is not null)
        {
            Assert.Contains(message, shown, StringComparison.Ordinal);
        }

        if (c["notMessage"]?.GetValue<string>() is { } absent)
        {
            Assert.DoesNotContain(absent, shown, StringComparison.Ordinal);
        }

        if (c["maxMessageLength"]?.GetValue<int>() is { } max)
        {
            Assert.True(shown.Length <= max, $"{shown.Length} characters: {Cut(shown)}");
        }

        if (c["resource"]?.GetValue<string>() is { } resource)
        {
            Assert.Equal(resource, JsonNode.Parse(output.ToString())!["resource"]?["name"]?.GetValue<string>());
        }

        if (c["assumption"]?.GetValue<string>() is { } assumption)
        {
            Assert.Contains(JsonNode.Parse(output.ToString())!["assumptions"]!.AsArray(), a => a!.GetValue<string>().Contains(assumption, StringComparison.Ordinal));
        }
    }

    private static string Cut(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
