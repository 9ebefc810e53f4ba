using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// JSON paths as problems name them: <c>$.paths[3].tables[0].bucket</c>. A key that is not a plain name (it came
/// from the input) is written quoted and escaped, <c>$["a b"]</c>, so a path is always one safe line.
/// </summary>
internal static class DocumentPath
{
    public static string Property(string parent, string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{parent}.{key}" : $"{parent}[{SafeText.Quote(key)}]";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
