using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Observability;

/// <summary>
/// Structured logs, one JSON object per line on stdout, with Powertools-style keys: <c>timestamp</c>, <c>level</c>,
/// <c>message</c>, <c>service</c>, <c>cold_start</c>, <c>correlation_id</c> (the CloudTrail event id). Field values keep
/// their JSON type: booleans and numbers are written as such, so log queries can compare them.
/// </summary>
public sealed class JsonLog
{
    private static int invocations;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Per async flow, so invocations running side by side in one process each log their own id.
    private readonly AsyncLocal<Invocation?> current = new();
    private readonly TextWriter output;
    private readonly TimeProvider time;

    public JsonLog(string service, TextWriter output, TimeProvider time)
    {
        Service = service;
        this.output = output;
        this.time = time;
    }

    public string Service { get; }

    /// <summary>The CloudTrail event id of the invocation in progress.</summary>
    public string? CorrelationId => current.Value?.CorrelationId;

    /// <summary>
    /// Starts an invocation as soon as its correlation id is known, before its first line; until the returned scope
    /// is disposed, <see cref="BeginInvocation"/> calls from the code it runs do not start another.
    /// </summary>
    public IDisposable StartInvocation(string? correlationId)
    {
        var previous = current.Value;
        current.Value = new Invocation(correlationId, Interlocked.Increment(ref invocations) == 1, Scoped: true);
        return new Scope(this, previous);
    }

    /// <summary>Starts an invocation's log lines (its correlation id, and whether it is the process's first: a cold start), unless one is already started by <see cref="StartInvocation"/>.</summary>
    public void BeginInvocation(string? correlationId)
    {
        if (current.Value is { Scoped: true })
        {
            return;
        }

        current.Value = new Invocation(correlationId, Interlocked.Increment(ref invocations) == 1, Scoped: false);
    }

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("INFO", message, fields);

    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("WARN", message, fields);

    public void Error(string message, params (string Key, object? Value)[] fields) => Write("ERROR", message, fields);

    /// <summary>
    /// Writes a raw JSON line (EMF metrics). The relaxed encoder leaves bidirectional controls and invisible characters
    /// as they are, and a terminal (<c>sam logs</c>, <c>aws logs tail</c>) would show them reordering or hiding text:
    /// they are escaped here as <c>\uXXXX</c>. They can only stand inside JSON strings (the rest of a line is ASCII, the
    /// controls are already escaped), so the line stays the same JSON, with the same values.
    /// </summary>
    public void Raw(string jsonLine)
    {
        ArgumentNullException.ThrowIfNull(jsonLine);
        var line = SafeText.Escape(jsonLine, jsonLine.Length, asLiteral: false);
        lock (output)
        {
            output.WriteLine(line);
        }
    }

    private void Write(string level, string message, (string Key, object? Value)[] fields)
    {
        var invocation = current.Value;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", time.GetUtcNow());
            w.WriteString("level", level);
            w.WriteString("message", message);
            w.WriteString("service", Service);
            w.WriteBoolean("cold_start", invocation?.ColdStart ?? false);
            w.WriteString("correlation_id", invocation?.CorrelationId);
            foreach (var (key, value) in fields)
            {
                w.WritePropertyName(key);
                WriteValue(w, value);
            }

            w.WriteEndObject();
        }

        Raw(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or uint or ushort:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                w.WriteNumberValue(u);
                break;
            case double d when double.IsFinite(d):
                w.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                w.WriteNumberValue(f);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case DateTimeOffset t:
                w.WriteStringValue(t);
                break;
            case IFormattable formattable:
                w.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }

    private sealed record Invocation(string? CorrelationId, bool ColdStart, bool Scoped);

    private sealed class Scope(JsonLog log, Invocation? previous) : IDisposable
    {
        public void Dispose() => log.current.Value = previous;
    }
}
