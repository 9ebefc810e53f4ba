namespace Guardrail.Cli;

/// <summary>The CLI's exit codes; CI pipelines branch on these.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Breaks = 1;
    public const int InvalidInput = 2;
    public const int AtRisk = 3;

    /// <summary>A bug in the guardrail, not in the input: reported in one line, never as a stack trace.</summary>
    public const int InternalError = 4;

    /// <summary>AWS refused or failed a read the command needed (one line naming the call and the permission); nothing was judged.</summary>
    public const int AwsReadFailed = 5;

    /// <summary><c>weakened</c> with <c>--fail-on weakened</c>: the security verdict is weakened (and nothing worse that is listed happened).</summary>
    public const int Weakened = 6;
}
