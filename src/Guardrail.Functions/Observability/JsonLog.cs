using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guardrail.Functions.Observability;

/// <summary>
/// Structured logs, one JSON object per line on stdout, with Powertools-style keys: <c>timestamp</c>, <c>level</c>,
/// <c>message</c>, <c>service</c>, <c>cold_start</c>, <c>correlation_id</c> (the CloudTrail event id).
/// </summary>
public sealed class JsonLog
{
    private static int invocations;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter output;
    private readonly TimeProvider time;
    private bool isColdStart;

    public JsonLog(string service, TextWriter output, TimeProvider time)
    {
        Service = service;
        this.output = output;
        this.time = time;
    }

    public string Service { get; }

    /// <summary>The CloudTrail event id of the invocation in progress.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>Starts an invocation's log lines: its correlation id, and whether it is this process's first (a cold start).</summary>
    public void BeginInvocation(string? correlationId)
    {
        CorrelationId = correlationId;
        isColdStart = Interlocked.Increment(ref invocations) == 1;
    }

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("INFO", message, fields);

    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("WARN", message, fields);

    public void Error(string message, params (string Key, object? Value)[] fields) => Write("ERROR", message, fields);

    /// <summary>Writes a raw JSON line (EMF metrics).</summary>
    public void Raw(string jsonLine)
    {
        lock (output)
        {
            output.WriteLine(jsonLine);
        }
    }

    private void Write(string level, string message, (string Key, object? Value)[] fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", time.GetUtcNow());
            w.WriteString("level", level);
            w.WriteString("message", message);
            w.WriteString("service", Service);
            w.WriteBoolean("cold_start", isColdStart);
            w.WriteString("correlation_id", CorrelationId);
            foreach (var (key, value) in fields)
            {
                w.WriteString(key, value?.ToString());
            }

            w.WriteEndObject();
        }

        Raw(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
