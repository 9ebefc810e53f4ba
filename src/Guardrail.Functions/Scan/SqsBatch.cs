using System.Text;
using System.Text.Json;

namespace Guardrail.Functions.Scan;

/// <summary>
/// The SQS event a Lambda event source mapping delivers (<c>{"Records":[{"messageId","body",...}]}</c>; only those two
/// fields are used) and the partial batch response (<c>{"batchItemFailures":[{"itemIdentifier":ID}]}</c>): the
/// messages listed there stay on the queue and come back, the others are deleted.
/// </summary>
public static class SqsBatch
{
    /// <summary>The records of an SQS event: each message id and body (null when it has none).</summary>
    /// <exception cref="Events.InvalidEventException">The event is not an SQS event.</exception>
    public static IReadOnlyList<SqsRecord> Parse(string eventJson)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        try
        {
            using var document = JsonDocument.Parse(eventJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new Events.InvalidEventException("the event is not an SQS event: it has no Records array");
            }

            // A record without a message id could not be reported as failed, so it would be deleted whatever came of it:
            // the whole event is refused instead (Lambda retries it, and the dead-letter queue keeps it).
            return [.. records.EnumerateArray().Select(r => new SqsRecord(
                r.ValueKind == JsonValueKind.Object && r.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } messageId
                    ? messageId
                    : throw new Events.InvalidEventException("an SQS record has no messageId"),
                r.ValueKind == JsonValueKind.Object && r.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString() : null))];
        }
        catch (JsonException e)
        {
            throw new Events.InvalidEventException($"the SQS event is not valid JSON: {e.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>The partial batch response naming <paramref name="failed"/>.</summary>
    public static Stream Response(IEnumerable<string> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("batchItemFailures");
            foreach (var id in failed)
            {
                w.WriteStartObject();
                w.WriteString("itemIdentifier", id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }
}

/// <summary>One SQS message: its id and body (null when the record has none).</summary>
public sealed record SqsRecord(string MessageId, string? Body);
