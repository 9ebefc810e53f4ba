using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Aws.Sns;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// The alert for a change the guardrail could not judge (an AWS error, the deadline, a bug): severity high, naming the
/// resource, the event and the error class, so that a failure is never silent.
/// </summary>
public static class CouldNotJudgeAlert
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SnsMessage Compose(string topicArn, IPolicyKind resource, PolicyChangeEvent? change, OutcomeReason reason, Exception error)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(error);
        var errorClass = error.GetType().Name;
        var message = reason == OutcomeReason.Deadline ? "the invocation's deadline came before the policy was judged" : error.Message;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteString("verdict", "unknown");
            w.WriteString("outcome", Outcome.CouldNotJudge.ToText());
            w.WriteString("reasonCode", reason.ToText());
            w.WriteStartObject("error");
            w.WriteString("class", errorClass);
            w.WriteString("message", message);
            w.WriteEndObject();
            AlertComposer.WriteResourceAndEvent(w, resource, change);
            w.WriteEndObject();
        }

        // The error's message may quote AWS or the policy: escaped and cut, on its line (EmailLines).
        var email = new EmailLines()
            .Line($"The guardrail could not judge the {resource.Type} of {EmailLines.Value(resource.Name)}: Redshift Spectrum may or may not still be able to read.")
            .Line();
        AlertComposer.AppendResource(email, resource);
        AlertComposer.AppendEvent(email, change);
        email.Line($"Error:         {errorClass}: {message}")
            .Line()
            .Line("What the guardrail did: nothing was changed. Check the policy by hand (guardrail check); the invocation fails, so Lambda retries it.");
        return new SnsMessage(
            topicArn,
            AlertComposer.Subject("COULD NOT JUDGE", resource, change),
            Encoding.UTF8.GetString(stream.ToArray()),
            email.ToString(),
            [
                new("verdict", "String", "unknown"),
                new("severity", "String", "high"),
                new("resourceType", "String", resource.Type),
                new("rules", "String.Array", "[]"),
                new("outcome", "String", Outcome.CouldNotJudge.ToText()),
            ]);
    }
}
