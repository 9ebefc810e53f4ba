using System.Text.Json.Nodes;
using Guardrail.Cli;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Runs tests/cases/events/intake.json: each case changes an events/ file and runs it through <c>guardrail invoke</c>,
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

    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "tests", "cases", "events", "intake.json")))!["cases"]!.AsArray();

    public static TheoryData<string> Names => [.. Cases.Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = Cases.Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        var real = c["aws"]?.GetValue<bool>() == true;
        var env = new Dictionary<string, string?>(real ? RealRunBase : []);
        foreach (var (key, value) in c["env"]?.AsObject() ?? [])
        {
            env[key] = value?.GetValue<string>();
        }

        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["invoke", "--function", c["function"]!.GetValue<string>(), "--event", "-", .. real ? Array.Empty<string>() : ["--dry-run"]];
        var exit = GuardrailCli.Run(args, new CliEnvironment(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EventText(c))), output, error, false, () => DateTimeOffset.UtcNow, Paths.Root, n => env.GetValueOrDefault(n)));

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
    }

    private static string EventText(JsonObject c)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "events", c["event"]!.GetValue<string>() + ".json")))!.AsObject();
        foreach (var path in c["remove"]?.AsArray() ?? [])
        {
            var (parent, key) = Locate(node, path!.GetValue<string>());
            Assert.True(parent.Remove(key), $"{path} is not in the event");
        }

        foreach (var (path, value) in c["set"]?.AsObject() ?? [])
        {
            var (parent, key) = Locate(node, path);
            parent[key] = value?.DeepClone();
        }

        if (c["padBytes"]?.GetValue<int>() is { } pad)
        {
            node["detail"]!["padding"] = new string('x', pad);
        }

        return node.ToJsonString();
    }

    private static (JsonObject Parent, string Key) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        return (parent, parts[^1]);
    }

    private static string Cut(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
