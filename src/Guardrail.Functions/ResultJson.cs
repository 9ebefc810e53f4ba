using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>The JSON a handler returns (and <c>guardrail invoke</c> prints): <c>outcome</c>, <c>verdict</c>, <c>reason</c>, and details.</summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(InvocationResult result, IReadOnlyList<string>? assumptions = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            Write(w, result, assumptions, includeAlert: true);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A stream positioned at 0, as the Lambda runtime expects.</summary>
    public static Stream ToStream(InvocationResult result)
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(ToJson(result)));
        stream.Position = 0;
        return stream;
    }

    private static void Write(Utf8JsonWriter w, InvocationResult result, IReadOnlyList<string>? assumptions, bool includeAlert)
    {
        w.WriteStartObject();
        w.WriteString("outcome", result.Outcome.ToText());
        if (result.Verdict is { } verdict)
        {
            VerdictJson.WriteProperties(w, verdict);
        }

        if (result.ReasonCode != OutcomeReason.None)
        {
            w.WriteString("reasonCode", result.ReasonCode.ToText());
        }

        if (result.DelayedAlert)
        {
            w.WriteBoolean("delayedAlert", true);
        }

        if (result.Reason is not null)
        {
            w.WriteString("reason", result.Reason);
        }

        if (result.EventId is not null)
        {
            w.WriteString("eventId", result.EventId);
        }

        if (result.ResourceName is not null)
        {
            w.WriteStartObject("resource");
            w.WriteString("type", result.ResourceType);
            w.WriteString("name", result.ResourceName);
            w.WriteEndObject();
        }

        if (result.NewerChangeExists)
        {
            w.WriteBoolean("newerChangeExists", true);
        }

        if (result.MessageId is not null)
        {
            w.WriteString("messageId", result.MessageId);
        }

        if (includeAlert && result.Alert is { } alert)
        {
            w.WriteStartObject("alert");
            w.WriteString("subject", alert.Subject);
            w.WriteStartObject("attributes");
            foreach (var attribute in alert.Attributes)
            {
                w.WriteString(attribute.Name, attribute.Value);
            }

            w.WriteEndObject();
            w.WritePropertyName("default");
            using (var parsed = JsonDocument.Parse(alert.Default))
            {
                parsed.RootElement.WriteTo(w);
            }

            w.WriteString("email", alert.Email);
            w.WriteEndObject();
        }

        if (result.Resources is { } resources)
        {
            w.WriteStartArray("resources");
            foreach (var item in resources)
            {
                Write(w, item, null, includeAlert: false);
            }

            w.WriteEndArray();
        }

        if (assumptions is { Count: > 0 })
        {
            w.WriteStartArray("assumptions");
            foreach (var assumption in assumptions)
            {
                w.WriteStringValue(assumption);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
