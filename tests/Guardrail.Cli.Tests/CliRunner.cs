using Guardrail.Cli;

namespace Guardrail.Cli.Tests;

/// <summary>Runs the real CLI (real System.CommandLine parsing) in-process with captured streams.</summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static string Root => Testing.RepoRoot.Path;

    public static (int Exit, string Out, string Error) RunWithInput(string stdin, params string[] args) =>
        RunWithBytes(System.Text.Encoding.UTF8.GetBytes(stdin), args);

    /// <summary>Runs with these exact bytes on standard input (encodings, byte order marks, invalid sequences).</summary>
    public static (int Exit, string Out, string Error) RunWithBytes(byte[] stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var input = new MemoryStream(stdin);
        var env = new CliEnvironment(input, output, error, Colour: false, () => Now, Root);
        var exit = GuardrailCli.Run(args, env);
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Out, string Error) Run(params string[] args) => RunWithInput(string.Empty, args);
}
