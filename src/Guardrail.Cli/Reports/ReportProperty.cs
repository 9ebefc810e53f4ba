namespace Guardrail.Cli.Reports;

/// <summary>One property of the JSON output's <c>resource</c> object: a string, or a boolean when <paramref name="Flag"/> is set.</summary>
public sealed record ReportProperty(string Name, string? Text, bool? Flag = null)
{
    public static ReportProperty Of(string name, string text) => new(name, text);

    public static ReportProperty Of(string name, bool flag) => new(name, null, flag);
}
