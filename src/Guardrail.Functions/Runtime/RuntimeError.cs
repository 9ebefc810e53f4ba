using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Runtime;

/// <summary>
/// An error reported to the Lambda Runtime API (invocation error or initialization error): the documented JSON body
/// <c>{"errorMessage": ..., "errorType": ...}</c>, and <see cref="ErrorType"/> again in the
/// <c>Lambda-Runtime-Function-Error-Type</c> header. The message is escaped and cut like every other message
/// (<see cref="SafeText.Line"/>): an exception that quotes its input cannot forge log lines or send megabytes.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-invokeerror
/// </summary>
public sealed record RuntimeError(string ErrorType, string ErrorMessage)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A handler's exception: its type name (as the managed runtime reports it) and its message.</summary>
    public static RuntimeError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RuntimeError(exception.GetType().Name, exception.Message);
    }

    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("errorMessage", SafeText.Line(ErrorMessage));
            w.WriteString("errorType", HeaderValue);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The error type as an HTTP header allows it: printable ASCII, at most 100 characters.</summary>
    public string HeaderValue
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var c in ErrorType.Take(100))
            {
                builder.Append(c is >= '!' and <= '~' ? c : '_');
            }

            return builder.Length == 0 ? "Runtime.Unknown" : builder.ToString();
        }
    }
}
