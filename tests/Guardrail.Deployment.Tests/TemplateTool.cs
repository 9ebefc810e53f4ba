using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Deployment.Tests;

/// <summary>Runs an external program to completion and returns its exit code and output.</summary>
internal static class Processes
{
    public static (int Exit, string Out, string Error) Run(string program, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Root };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public static string Root => Guardrail.Testing.RepoRoot.Path;
}

/// <summary>The template as it would be deployed: SAM-translated, intrinsics resolved for given parameters (template_tool.py).</summary>
internal static class TemplateTool
{
    public static readonly Dictionary<string, string> DefaultParameters = new()
    {
        ["ProtectedBuckets"] = "amzn-s3-demo-bucket,finance-lake",
        ["SpectrumRoles"] = "arn:aws:iam::123456789012:role/redshift;arn:aws:iam::123456789012:role/hop,arn:aws:iam::123456789012:role/reader",
        ["Rollback"] = "true",
    };

    private static readonly Dictionary<string, JsonObject> Cache = [];

    /// <summary>The translated resources (cached per template and parameter set: translating takes a Python start-up).</summary>
    public static JsonObject Resources(string template = "template.yaml", Dictionary<string, string>? parameters = null) =>
        Run(template, JsonSerializer.Serialize(parameters ?? DefaultParameters));

    /// <summary>The template's Parameters section as written (types, defaults, allowed patterns).</summary>
    public static JsonObject Parameters(string template = "template.yaml") => Run(template, "--parameters");

    /// <summary>The template's Rules assertions that fail for these parameters (rule name → its AssertDescription): CloudFormation refuses such a deploy.</summary>
    public static JsonObject FailedRules(string template, Dictionary<string, string> parameters) =>
        Run(template, JsonSerializer.Serialize(parameters), "--rules");

    private static JsonObject Run(string template, params string[] arguments)
    {
        var key = template + string.Concat(arguments);
        lock (Cache)
        {
            if (!Cache.TryGetValue(key, out var cached))
            {
                var script = Path.Combine(AppContext.BaseDirectory, "template_tool.py");
                var (exit, output, error) = Processes.Run("python3", [script, template, .. arguments]);
                Assert.True(exit == 0, $"template_tool.py failed: {error}");
                cached = JsonNode.Parse(output)!.AsObject();
                Cache[key] = cached;
            }

            return (JsonObject)cached.DeepClone();
        }
    }

    public static IEnumerable<(string Logical, JsonObject Resource)> OfType(JsonObject resources, string type) =>
        resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));
}
