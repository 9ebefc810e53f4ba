using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;

namespace Guardrail.Functions.Processing;

/// <summary>
/// Rolls a resource back to its known-good policy: the alert goes in the outbox before the write, the write is read
/// back to verify it, the rollback lease is given back, and the alert is published. A write that fails or does not
/// stick is published as <c>rollback-failed</c>, then the invocation fails.
/// </summary>
internal sealed class RollbackStep(GuardrailServices services, AlertDelivery delivery)
{
    private GuardrailState State => services.State;

    /// <summary>Records the alert, writes the known-good policy, verifies it, then publishes; a failure is reported, then thrown.</summary>
    /// <remarks>
    /// Called only after <see cref="IPolicyKind.PlanRestore"/> allowed the restore, right before; the write is verified
    /// against the hash of the text written, recomputed here, never read from the record.
    /// </remarks>
    public async Task<InvocationResult> RollBackAsync(GuardedResource resource, KnownGoodPolicy knownGood, string claimKey, AlertContext context, InvocationResult result, InvocationDeadline deadline)
    {
        var kind = resource.Kind;
        var now = services.Time.GetUtcNow();
        var restoredHash = kind.HashOf(knownGood.PolicyText);
        var planned = new PendingAlert(claimKey, kind.Key, AlertComposer.Compose(context), Outcome.RolledBack.ToText(), AlertStage.Planned, now, restoredHash, $"rolled the policy back at {now:HH:mm:ss} UTC");

        // The alert is on record before anything changes, so that a retry can tell of a rollback this attempt dies after.
        try
        {
            await State.Outbox.PutPendingAsync(planned, deadline.Work).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was written: give the lease back so that Lambda's retry can roll back.
            await EndRollbackAsync(kind, null, deadline).ConfigureAwait(false);
            throw;
        }

        try
        {
            await resource.Store.WriteAsync(knownGood.PolicyText, deadline.Work).ConfigureAwait(false);
        }
        catch (Paths.RestoreRefusedException e)
        {
            // Decided right before the write, the same on every retry: reported, nothing written, the invocation done.
            await EndRollbackAsync(kind, null, deadline).ConfigureAwait(false);
            var refusedContext = context with { Outcome = Outcome.RollbackRefused, ReasonCode = OutcomeReason.KnownGoodNotOk, Reason = e.Message };
            var refused = planned with { Message = AlertComposer.Compose(refusedContext), Outcome = Outcome.RollbackRefused.ToText(), Stage = AlertStage.Ready, RestoreHash = null, Action = "refused to restore; wrote nothing" };
            await State.Outbox.PutPendingAsync(refused, deadline.CleanUp).ConfigureAwait(false);
            return await delivery.PublishAsync(refused, refused.Message, result with { Outcome = Outcome.RollbackRefused, ReasonCode = OutcomeReason.KnownGoodNotOk, Reason = e.Message }, deadline).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndRollbackAsync(kind, null, deadline).ConfigureAwait(false);
            return WriteRefusal.IsAccessDenied(e)
                ? await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackNotPermitted, $"AWS refused the write ({e.GetType().Name}: {e.Message}): the guardrail may restore only resources marked protected (tagged with the template's ProtectedTagKey and the value protected) or named in its parameters. The judged policy is still live: restore it by hand, or mark the resource protected.", e, deadline).ConfigureAwait(false)
                : await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackWriteFailed, $"writing the known-good policy failed ({e.GetType().Name}: {e.Message}); the judged policy is most likely still live.", e, deadline).ConfigureAwait(false);
        }

        // The write landed: from now on it counts as a rollback for the circuit breaker (an attempt killed before
        // this point never does).
        var wroteAt = services.Time.GetUtcNow();
        string after;
        try
        {
            after = await Judging.ReadHashAsync(resource, deadline.Work).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndRollbackAsync(kind, wroteAt, deadline).ConfigureAwait(false);
            return await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackNotVerified, $"the known-good policy was written, but reading it back failed ({e.GetType().Name}: {e.Message}).", e, deadline).ConfigureAwait(false);
        }

        await EndRollbackAsync(kind, wroteAt, deadline).ConfigureAwait(false);
        if (after != restoredHash)
        {
            return await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackNotVerified, "the rollback did not stick: after writing, the live policy is not the known-good one.", null, deadline).ConfigureAwait(false);
        }

        services.Metrics.Count("Rollbacks");
        var ready = planned with { Stage = AlertStage.Ready };
        return await delivery.PublishAsync(ready, ready.Message, result, deadline).ConfigureAwait(false);
    }

    /// <summary>Gives the rollback lease back; if that fails, the lease runs out shortly after the deadline anyway.</summary>
    public async Task EndRollbackAsync(IPolicyKind kind, DateTimeOffset? wroteAt, InvocationDeadline deadline)
    {
        try
        {
            await State.Rollbacks.EndRollbackAsync(kind.Key, wroteAt, deadline.CleanUp).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The lease expires by itself; the rollback's own outcome is what gets reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.Log.Error("could not give the rollback lease back; it expires shortly after the deadline", ("resource", kind.Name), ("error", e.GetType().Name), ("message", e.Message));
        }
    }

    private async Task<InvocationResult> ReportRollbackFailureAsync(PendingAlert planned, AlertContext context, InvocationResult result, OutcomeReason code, string reason, Exception? error, InvocationDeadline deadline)
    {
        services.Metrics.Count("RollbackFailures");
        var failedContext = context with { Outcome = Outcome.RollbackFailed, ReasonCode = code, Reason = reason };
        var failed = planned with
        {
            Message = AlertComposer.Compose(failedContext),
            Outcome = Outcome.RollbackFailed.ToText(),
            Stage = AlertStage.Ready,
            RestoreHash = null,
            Action = $"tried to roll the policy back at {planned.RecordedAt:HH:mm:ss} UTC and failed",
        };
        await State.Outbox.PutPendingAsync(failed, deadline.CleanUp).ConfigureAwait(false);
        await delivery.PublishAsync(failed, failed.Message, result with { Outcome = Outcome.RollbackFailed, ReasonCode = code, Reason = reason }, deadline).ConfigureAwait(false);

        // Reported: forget the alert, so that Lambda's retry tries the rollback again rather than finding it sent.
        await State.Outbox.DeletePendingAsync(planned.ClaimKey, deadline.CleanUp).ConfigureAwait(false);
        throw new FunctionFailedException($"rollback of the {context.Resource.Type} of {context.Resource.Name} failed: {reason}", error);
    }
}
