namespace Guardrail.Cli.Reports;

/// <summary>Prints a report in the chosen format and gives the exit code <c>--fail-on</c> chooses: the one place every check ends.</summary>
public static class ReportWriter
{
    public static int Finish(CliEnvironment env, CheckReport report, OutputFormat format, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(failOn);
        switch (format)
        {
            case OutputFormat.Json:
                env.Out.WriteLine(ReportJsonWriter.Write(report));
                break;
            case OutputFormat.Sarif:
                env.Out.WriteLine(SarifWriter.Write(report));
                break;
            case OutputFormat.Junit:
                env.Out.WriteLine(JunitWriter.Write(report, failOn));
                break;
            default:
                ReportTextWriter.Write(env.Out, report, env.Colour);
                break;
        }

        return failOn.ExitCode(CountedOutcome.Of(report));
    }
}
