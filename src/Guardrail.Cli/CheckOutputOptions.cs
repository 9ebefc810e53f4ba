using System.CommandLine;
using Guardrail.Cli.Reports;

namespace Guardrail.Cli;

/// <summary>The options every <c>guardrail check</c> takes for CI: <c>--format</c>, <c>--fail-on</c> and <c>--exceptions</c>, and how a check ends with them.</summary>
public sealed class CheckOutputOptions
{
    private readonly Option<string> format = new("--format")
    {
        Description = "text for people (default), json for pipelines, sarif (SARIF 2.1.0) for code scanning, junit for CI test reports.",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string[]> failOn = new("--fail-on")
    {
        Description = "The outcomes that fail the check, a comma list (or repeated) of breaks (exit 1), at-risk (exit 3), weakened (exit 6), or none.",
        HelpName = "OUTCOMES",
        DefaultValueFactory = _ => ["breaks,at-risk"],
    };

    private readonly Option<string?> exceptions = new("--exceptions")
    {
        Description = "A JSON or YAML file of accepted findings ({rule, resource, statement?, reason, expires}; see docs/ci.md): shown as excepted, not counted by --fail-on.",
        HelpName = "FILE",
    };

    public CheckOutputOptions() => format.AcceptOnlyFromAmong("text", "json", "sarif", "junit");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(format);
        command.Add(failOn);
        command.Add(exceptions);
    }

    /// <summary>Reads the option values that can be wrong (before any judging, so bad options cost nothing).</summary>
    public CheckSettings Read(ParseResult parse, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        var outputFormat = parse.GetValue(format) switch
        {
            "json" => OutputFormat.Json,
            "sarif" => OutputFormat.Sarif,
            "junit" => OutputFormat.Junit,
            _ => OutputFormat.Text,
        };
        var listed = FailOn.Parse(parse.GetValue(failOn) ?? []);
        var file = parse.GetValue(exceptions);
        return new CheckSettings(outputFormat, listed, file, file is null ? null : ExceptionsInput.Read(file, env));
    }
}

/// <summary>The CI options' values for one run.</summary>
public sealed record CheckSettings(OutputFormat Format, FailOn FailOn, string? ExceptionsFile, IReadOnlyList<Core.Findings.Exceptions.FindingException>? Exceptions)
{
    /// <summary>Applies the exceptions (today by <paramref name="env"/>'s clock, UTC), prints the report and gives the exit code.</summary>
    public int Finish(CliEnvironment env, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (Exceptions is { } list)
        {
            report = ReportExceptions.Apply(report, list, DateOnly.FromDateTime(env.Clock().UtcDateTime), ExceptionsFile == "-" ? null : ExceptionsFile);
        }

        return ReportWriter.Finish(env, report, Format, FailOn);
    }
}
