using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Guardrail.Fuzz;

/// <summary>
/// Names the class of a crash so that the hundreds of inputs afl saves for one bug collapse into one finding:
/// the exception type and the innermost Guardrail method it came from, or, for the CLI's exit 4 (which reports
/// no stack), the type and message it printed with the input's digits and quoted text blurred.
/// </summary>
internal static partial class CrashClass
{
    public static string Of(Exception exception)
    {
        if (exception is InternalErrorExitException)
        {
            var message = exception.Message;
            var start = message.IndexOf("internal error: ", StringComparison.Ordinal);
            var detail = start < 0 ? message : message[(start + "internal error: ".Length)..];
            detail = Digits().Replace(Quoted().Replace(detail, "\"…\""), "0");
            return "cli-exit-4 " + (detail.Length > 120 ? detail[..120] : detail);
        }

        var frame = new StackTrace(exception).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("Guardrail.", StringComparison.Ordinal) == true && m.DeclaringType.Namespace != typeof(CrashClass).Namespace);
        return $"{exception.GetType().Name} at {frame?.DeclaringType?.Name}.{frame?.Name}";
    }

    [GeneratedRegex("[0-9]{3,}")]
    private static partial Regex Digits();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();
}
