using System.CommandLine;
using System.CommandLine.Help;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>The <c>guardrail</c> command line: the same core the Lambda functions use, for people and CI pipelines.</summary>
public static class GuardrailCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliEnvironment env)
    {
        var root = new RootCommand("Spectrum Guardrail: keeps Amazon Redshift Spectrum able to read its S3 data lake.");
        root.Add(CheckCommands.Create(env));
        root.Add(InvokeCommand.Create(env));
        root.Add(SnapshotCommand.Create(env));
        root.Add(ConfigCommand.Create(env));

        var result = root.Parse(args);
        var config = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            foreach (var line in ParseErrorLines.For(result))
            {
                env.Error.WriteLine(SafeText.Line(line));
            }

            return ExitCodes.InvalidInput;
        }

        try
        {
            return result.Invoke(config);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything unexpected is still reported as one line: users get no stack traces.
            env.Error.WriteLine(SafeText.Line($"guardrail: internal error: {e.GetType().Name}: {LineFolding.Fold(e.Message)}"));
            return ExitCodes.InternalError;
        }
    }
}
