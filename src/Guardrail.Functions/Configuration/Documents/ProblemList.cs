using System.Globalization;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The problems of one document, each one line <c>PATH: what is wrong</c>, at most <see cref="DocumentLimits.MaxProblems"/>
/// kept (the rest counted), so a document with a million bad entries yields a short report.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<string> lines = [];
    private int dropped;

    public int Count => lines.Count + dropped;

    public void Add(string path, string problem)
    {
        if (lines.Count < DocumentLimits.MaxProblems)
        {
            lines.Add(SafeText.Line($"{path}: {problem}"));
        }
        else
        {
            dropped++;
        }
    }

    public IReadOnlyList<string> ToList() =>
        dropped == 0 ? [.. lines] : [.. lines, string.Create(CultureInfo.InvariantCulture, $"$: {dropped} more problems not shown")];
}
