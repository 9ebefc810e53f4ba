using System.CommandLine;
using Guardrail.Aws;
using Guardrail.Core.Text;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Cli;

/// <summary>
/// <c>guardrail config validate --config FILE</c>: checks a configuration document (exit 0 and <c>valid: N paths</c>,
/// or exit 2 and one line per problem on standard error, each naming the JSON path). <c>guardrail config show
/// [--config FILE]</c>: prints the effective document as canonical JSON: the file's, else the one
/// <c>GUARDRAIL_CONFIG</c> names (a file, S3 object or SSM parameter), else the one the environment variables make.
/// </summary>
public static class ConfigCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("config", "Check or print the configuration document (GUARDRAIL_CONFIG).");
        command.Add(Validate(env));
        command.Add(Show(env));
        return command;
    }

    private static Option<string> ConfigOption(bool required) => new("--config")
    {
        Description = "The configuration document, JSON or YAML (a file, or - for standard input).",
        Required = required,
        HelpName = "FILE",
    };

    private static Command Validate(CliEnvironment env)
    {
        var config = ConfigOption(required: true);
        var command = new Command("validate", "Check a configuration document: exit 0 when valid, else exit 2 with one line per problem.") { config };
        command.SetAction(parse => CheckCommands.Guarded(env, () =>
        {
            var result = ConfigDocumentReader.Read(InputText.Read(parse.GetValue(config)!, "configuration", env));
            if (result.Document is not { } document)
            {
                return Problems(env, result.Problems);
            }

            env.Out.WriteLine($"valid: {document.Paths.Count} {(document.Paths.Count == 1 ? "path" : "paths")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment env)
    {
        var config = ConfigOption(required: false);
        var command = new Command("show", "Print the effective configuration document as canonical JSON: --config's, else GUARDRAIL_CONFIG's, else the environment variables'.") { config };
        command.SetAction(parse => CheckCommands.Guarded(env, () =>
        {
            var text = parse.GetValue(config) is { } file ? InputText.Read(file, "configuration", env) : null;
            if (text is null && env.Variable("GUARDRAIL_CONFIG") is { Length: > 0 } location)
            {
                try
                {
                    text = ReadLocation(location.Trim(), env);
                }
                catch (ConfigDocumentUnreadableException e)
                {
                    // A file that cannot be read is bad input; an S3 or SSM read that failed is AWS's answer.
                    env.Error.WriteLine(SafeText.Line($"guardrail: {LineFolding.Fold(e.Message)}"));
                    return location.StartsWith("s3://", StringComparison.Ordinal) || location.StartsWith("ssm:", StringComparison.Ordinal) ? ExitCodes.AwsReadFailed : ExitCodes.InvalidInput;
                }
            }

            ConfigDocument document;
            if (text is not null)
            {
                var result = ConfigDocumentReader.Read(text);
                if (result.Document is null)
                {
                    return Problems(env, result.Problems);
                }

                document = result.Document;
            }
            else
            {
                try
                {
                    var endpoints = new AwsEndpoints(env.Variable);
                    document = EnvironmentDocument.From(GuardrailConfig.Load(env.Variable, requireAws: false), endpoints.Region);
                }
                catch (GuardrailConfigException e)
                {
                    return Problems(env, e.Problems);
                }
            }

            env.Out.Write(ConfigDocumentWriter.Write(document));
            return ExitCodes.Ok;
        }));
        return command;
    }

    // GUARDRAIL_CONFIG as the functions read it; a file path is relative to the working directory.
    private static string ReadLocation(string location, CliEnvironment env)
    {
        try
        {
            var parsed = ConfigDocumentLocation.Parse(location, out var problem) ?? throw new UsageException($"GUARDRAIL_CONFIG {problem}");
            var absolute = parsed.Kind == ConfigStoreKind.File ? Path.GetFullPath(parsed.Name, env.WorkingDirectory) : location;
            return ConfigDocumentSource.Create(absolute, new AwsEndpoints(env.Variable)).ReadTextAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (GuardrailConfigException e)
        {
            throw new UsageException(string.Join("; ", e.Problems));
        }
    }

    private static int Problems(CliEnvironment env, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            env.Error.WriteLine(SafeText.Line(problem));
        }

        return ExitCodes.InvalidInput;
    }
}
