using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;

namespace Guardrail.Functions.Processing;

/// <summary>
/// Publishes outbox alerts: marks each published once SNS accepts it, or records why publishing failed so that the
/// retry's delayed alert can say so.
/// </summary>
internal sealed class AlertDelivery(GuardrailServices services)
{
    private GuardrailState State => services.State;

    /// <summary>Publishes an alert an earlier attempt recorded, marked as delayed with what that attempt did.</summary>
    public Task<InvocationResult> PublishDelayedAsync(PendingAlert pending, IPolicyKind kind, string eventId, InvocationDeadline deadline)
    {
        var why = pending.PublishError is { } error ? $"its alert could not be published ({error})" : "it stopped before publishing its alert";
        var note = $"an earlier attempt (started {pending.RecordedAt:u}) {pending.Action}; {why}. This alert is published by Lambda's retry.";
        services.Log.Warn("publishing the alert an earlier attempt left in the outbox", ("resource", kind.Name), ("note", note));
        var result = new InvocationResult(OutcomeText.Parse(pending.Outcome), eventId, note, kind.Type, kind.Name, DelayedAlert: true);
        return PublishAsync(pending with { Stage = AlertStage.Ready }, DelayedAlert.Mark(pending.Message, note), result, deadline);
    }

    /// <summary>Publishes an alert the outbox could not record (the state table failed); never throws, the caller fails next.</summary>
    public async Task PublishWithoutOutboxAsync(SnsMessage message, IPolicyKind kind, InvocationDeadline deadline)
    {
        try
        {
            var messageId = await services.Sns.PublishAsync(message, deadline.CleanUp).ConfigureAwait(false);
            services.Log.Warn("the alert could not be recorded in the outbox; published directly", ("resource", kind.Name), ("messageId", messageId));
        }
#pragma warning disable CA1031 // The state table's failure is what the caller rethrows; this one is only logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.Log.Error("the alert could be neither recorded nor published", ("resource", kind.Name), ("error", e.GetType().Name), ("message", e.Message));
        }
    }

    /// <summary>Publishes <paramref name="message"/> for an outbox alert and marks it published; on failure the outbox says why.</summary>
    public async Task<InvocationResult> PublishAsync(PendingAlert pending, SnsMessage message, InvocationResult result, InvocationDeadline deadline)
    {
        string messageId;
        try
        {
            messageId = await services.Sns.PublishAsync(message, deadline.CleanUp).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await State.Outbox.PutPendingAsync(pending with { PublishError = $"{e.GetType().Name}: {e.Message}" }, deadline.CleanUp).ConfigureAwait(false);
            throw;
        }

        await State.Outbox.PutPendingAsync(pending with { Stage = AlertStage.Published }, deadline.CleanUp).ConfigureAwait(false);
        services.Log.Warn($"{result.Outcome.ToText()}: alert published", ("resource", result.ResourceName), ("reasonCode", result.ReasonCode.ToText()), ("reason", result.Reason), ("messageId", messageId));
        return result with { Alert = message, MessageId = messageId };
    }
}
