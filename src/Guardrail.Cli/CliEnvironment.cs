namespace Guardrail.Cli;

/// <summary>Everything the CLI touches outside itself, so tests can run it in-process with real parsing and captured output.</summary>
/// <param name="In">Standard input as bytes (for <c>--policy -</c> and <c>--event -</c>): decoded like a file, see <see cref="InputText"/>.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Colour">Whether to colour text output (only on a terminal, and never with NO_COLOR).</param>
/// <param name="Clock">The current time.</param>
/// <param name="WorkingDirectory">Where relative paths start.</param>
/// <param name="Variables">Environment variables (the functions' configuration and AWS endpoints).</param>
public sealed record CliEnvironment(Stream In, TextWriter Out, TextWriter Error, bool Colour, Func<DateTimeOffset> Clock, string WorkingDirectory, Func<string, string?>? Variables = null)
{
    /// <summary>Reads an environment variable.</summary>
    public string? Variable(string name) => (Variables ?? Environment.GetEnvironmentVariable)(name);

    /// <summary>The real console.</summary>
    public static CliEnvironment FromConsole() => new(
        Console.OpenStandardInput(),
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        () => DateTimeOffset.UtcNow,
        Directory.GetCurrentDirectory());
}
