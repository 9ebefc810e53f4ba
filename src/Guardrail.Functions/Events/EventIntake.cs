using System.Text;
using Guardrail.Functions.Observability;

namespace Guardrail.Functions.Events;

/// <summary>
/// How a handler takes in its input: at most <see cref="EventParser.MaxEventBytes"/> bytes are read (a larger input is
/// refused without being read whole), the event is parsed strictly, and a refused event is logged as one ERROR line
/// (with its event id as correlation id when it has one) before <see cref="InvalidEventException"/> fails the invocation,
/// so the event lands in the failed-invocations queue and the errors alarm fires.
/// </summary>
public static class EventIntake
{
    public static async Task<PolicyChangeEvent> ReadAsync(Stream input, JsonLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            return EventParser.Parse(await ReadTextAsync(input, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidEventException e)
        {
            using (log.StartInvocation(e.EventId))
            {
                log.Error("rejected: not an event this function can read", ("reason", e.Message));
            }

            throw;
        }
    }

    /// <summary>The input as text, read up to one byte past the limit.</summary>
    /// <exception cref="InvalidEventException">The input is larger than EventBridge sends, or not UTF-8.</exception>
    public static async Task<string> ReadTextAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new byte[EventParser.MaxEventBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > EventParser.MaxEventBytes)
        {
            throw new InvalidEventException($"the event is over 256 KB; {EventParser.LimitText}");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidEventException("the event is not UTF-8 text");
        }
    }
}
