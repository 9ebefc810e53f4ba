using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Aws.Sns;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// An outbox alert published by a retry: the same alert, marked as delayed, with a note on what the earlier attempt
/// did and why its alert is late (a <c>delivery</c> object in the JSON, a first paragraph in the email, a
/// <c>delivery=retry</c> attribute and a <c>[DELAYED]</c> subject).
/// </summary>
public static class DelayedAlert
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SnsMessage Mark(SnsMessage alert, string note)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        using (var original = JsonDocument.Parse(alert.Default))
        {
            w.WriteStartObject();
            w.WriteStartObject("delivery");
            w.WriteBoolean("retry", true);
            w.WriteString("note", note);
            w.WriteEndObject();
            foreach (var property in original.RootElement.EnumerateObject().Where(p => p.Name != "delivery"))
            {
                property.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return alert with
        {
            Subject = AlertComposer.Clean("[DELAYED]" + alert.Subject),
            Default = Encoding.UTF8.GetString(stream.ToArray()),
            // The note quotes the earlier attempt's publish error (AWS's words): one escaped line, like the rest of the email.
            Email = new EmailLines().Line($"DELAYED ALERT: {note}").Line() + alert.Email,
            Attributes = [.. alert.Attributes.Where(a => a.Name != "delivery"), new SnsAttribute("delivery", "String", "retry")],
        };
    }
}
