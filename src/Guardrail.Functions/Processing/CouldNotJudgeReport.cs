using Guardrail.Functions.Alerts;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>Publishes the <c>could-not-judge</c> alert for a judgement that threw; never throws itself.</summary>
internal static class CouldNotJudgeReport
{
    /// <summary>Publishes the alert and returns its message id, or null when even that failed (then it is logged).</summary>
    public static async Task<string?> PublishAsync(GuardrailServices services, string topicArn, IPolicyKind kind, PolicyChangeEvent? change, OutcomeReason reason, Exception error, CancellationToken cancellationToken)
    {
        services.Metrics.Count("CouldNotJudge");
        var alert = CouldNotJudgeAlert.Compose(topicArn, kind, change, reason, error);
        try
        {
            var messageId = await services.Sns.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
            services.Log.Error("could not judge: alert published", ("resource", kind.Name), ("reasonCode", reason.ToText()), ("error", error.GetType().Name), ("message", error.Message), ("messageId", messageId));
            return messageId;
        }
#pragma warning disable CA1031 // The original failure is what the caller rethrows; this one is only logged.
        catch (Exception publishError)
#pragma warning restore CA1031
        {
            services.Log.Error("could not judge, and the alert could not be published either", ("resource", kind.Name), ("error", error.GetType().Name), ("message", error.Message), ("publishError", publishError.Message));
            return null;
        }
    }
}
