using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// Judges one policy change and acts on it: ignore failed calls and the guardrail's own changes, claim the event id,
/// judge the live policy, record it as known-good when ok, otherwise alert and (when enabled and the verdict is
/// <c>breaks</c>) roll back safely. The alert is recorded in the outbox before any rollback write and published
/// after it; a retry publishes what an earlier attempt left there. A judgement that throws is reported as
/// <c>could-not-judge</c>, a rollback that fails as <c>rollback-failed</c>, and then the invocation fails.
/// </summary>
public sealed class PolicyChangeProcessor
{
    /// <summary>How long an event id is remembered: longer than EventBridge's and Lambda's retry windows.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromDays(2);

    private readonly GuardrailConfig config;
    private readonly GuardrailServices services;

    public PolicyChangeProcessor(GuardrailConfig config, GuardrailServices services)
    {
        this.config = config;
        this.services = services;
    }

    private GuardrailState State => services.State;

    /// <summary>Why an event is not judged at all, or null when it is (checked before anything is read or claimed).</summary>
    public static string? ReasonToIgnore(PolicyChangeEvent change, IPolicyKind? resource, GuardrailConfig config)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(config);
        if (change.ErrorCode is not null)
        {
            return $"the {change.EventName} call failed ({change.ErrorCode}): nothing changed";
        }

        if (resource is null)
        {
            var name = change.BucketName ?? change.RoleName;
            return name is not null
                ? $"{name} is not protected by this guardrail"
                : $"the {change.EventName} event names no bucket or role (requestParameters missing); nothing to judge";
        }

        if (config.SelfRoleArn is not null && change.Actor.PrincipalArn == config.SelfRoleArn)
        {
            return "the change was made by the guardrail itself (a rollback)";
        }

        return null;
    }

    public async Task<InvocationResult> ProcessAsync(PolicyChangeEvent change, GuardedResource? resource, InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(deadline);
        var log = services.Log;
        log.BeginInvocation(change.EventId);
        if (ReasonToIgnore(change, resource?.Kind, config) is { } ignored)
        {
            log.Info("ignored", ("reason", ignored), ("eventName", change.EventName));
            return new InvocationResult(Outcome.Ignored, change.EventId, ignored, resource?.Kind.Type, resource?.Kind.Name);
        }

        var kind = resource!.Kind;
        var claim = await State.Claims.ClaimAsync(change.EventId, services.Time.GetUtcNow(), deadline.ClaimExpiry, deadline.Work).ConfigureAwait(false);
        if (claim is ClaimResult.InProgress or ClaimResult.Completed)
        {
            var why = claim == ClaimResult.InProgress ? "another invocation is processing this event right now" : "this event was already processed";
            log.Info($"duplicate delivery: {why}", ("resource", kind.Name));
            return new InvocationResult(Outcome.Duplicate, change.EventId, why, kind.Type, kind.Name);
        }

        if (claim == ClaimResult.TakenOverFromExpired)
        {
            log.Warn("an earlier attempt claimed this event and stopped before finishing (killed or timed out): processing it again", ("resource", kind.Name));
        }

        try
        {
            var result = await DecideAsync(change, resource, deadline).ConfigureAwait(false);
            await State.Claims.CompleteAsync(change.EventId, services.Time.GetUtcNow() + IdempotencyWindow, deadline.CleanUp).ConfigureAwait(false);
            return result;
        }
        catch (Exception e)
        {
            services.Metrics.Count("Failures");
            log.Error("the invocation failed; the event is given back for Lambda's retry", ("resource", kind.Name), ("error", e.GetType().Name), ("message", e.Message));
            await ReleaseAsync(change.EventId, deadline).ConfigureAwait(false);
            if (e is OperationCanceledException && deadline.WorkExpired)
            {
                throw new FunctionFailedException($"stopped {deadline.Margin.TotalSeconds:0} s before the {config.TimeoutSeconds} s deadline; Lambda's retry will finish processing event {change.EventId}", e);
            }

            throw;
        }
    }

    private async Task ReleaseAsync(string eventId, InvocationDeadline deadline)
    {
        try
        {
            await State.Claims.ReleaseAsync(eventId, deadline.CleanUp).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The claim expires by itself shortly after the deadline; the original failure is what matters.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.Log.Error("could not give the event back; its claim expires shortly after the deadline", ("error", e.GetType().Name), ("message", e.Message));
        }
    }

    private async Task<InvocationResult> DecideAsync(PolicyChangeEvent change, GuardedResource resource, InvocationDeadline deadline)
    {
        var kind = resource.Kind;
        var pending = await State.Outbox.GetPendingAsync(change.EventId, deadline.Work).ConfigureAwait(false);
        if (pending is { Stage: AlertStage.Published })
        {
            return new InvocationResult(OutcomeText.Parse(pending.Outcome), change.EventId, "an earlier attempt already published this event's alert", kind.Type, kind.Name);
        }

        if (pending is { Stage: AlertStage.Ready })
        {
            return await PublishDelayedAsync(pending, kind, deadline).ConfigureAwait(false);
        }

        var judgement = await WhileJudgingAsync(change, kind, deadline, ct => Judging.ReadAndJudgeAsync(resource, ct)).ConfigureAwait(false);
        services.Metrics.Count("Evaluations");
        if (pending is { Stage: AlertStage.Planned } && judgement.Hash == pending.RestoreHash)
        {
            // The earlier attempt's rollback write landed before it died: its alert is still owed.
            return await PublishDelayedAsync(pending with { Action = $"{pending.Action}; the retry found the known-good policy live" }, kind, deadline).ConfigureAwait(false);
        }

        var newer = EventPolicyHash(change, kind) is { } eventHash && eventHash != judgement.Hash;
        if (judgement.IsOk)
        {
            await State.KnownGood.PutKnownGoodAsync(new KnownGoodPolicy(kind.Key, judgement.Text, judgement.Hash, change.EventId, change.Time, change.Actor.Arn), deadline.Work).ConfigureAwait(false);
            services.Log.Info("ok: recorded as the last known-good policy", ("resource", kind.Name), ("hash", judgement.Hash), ("newerChangeExists", newer));
            return new InvocationResult(Outcome.Ok, change.EventId, null, kind.Type, kind.Name, judgement.Verdict, NewerChangeExists: newer);
        }

        services.Metrics.Count("Violations");
        foreach (var rule in judgement.Verdict.Findings.Select(f => f.Rule).Distinct())
        {
            services.Metrics.Count("Violations", rule: rule);
        }

        var (knownGood, diff) = await WhileJudgingAsync(change, kind, deadline, async ct =>
        {
            var known = await State.KnownGood.GetKnownGoodAsync(kind.Key, ct).ConfigureAwait(false);
            return (known, Judging.Diff(kind, known, judgement));
        }).ConfigureAwait(false);
        var decision = config.Rollback && judgement.Verdict.Access == AccessVerdict.Breaks
            ? await DecideRollbackAsync(change, resource, knownGood, judgement, deadline).ConfigureAwait(false)
            : new Decision(Outcome.Alerted, OutcomeReason.None, null);

        var now = services.Time.GetUtcNow();
        var context = new AlertContext(config.TopicArn!, kind, change, judgement, decision.Outcome, decision.Code, decision.Reason, diff, knownGood, newer);
        var result = new InvocationResult(decision.Outcome, change.EventId, decision.Reason, kind.Type, kind.Name, judgement.Verdict, diff, NewerChangeExists: newer, ReasonCode: decision.Code);
        if (decision.Outcome != Outcome.RolledBack)
        {
            var ready = new PendingAlert(change.EventId, kind.Key, AlertComposer.Compose(context), decision.Outcome.ToText(), AlertStage.Ready, now, null, "changed nothing");
            await State.Outbox.PutPendingAsync(ready, deadline.Work).ConfigureAwait(false);
            return await PublishAsync(ready, ready.Message, result, deadline).ConfigureAwait(false);
        }

        return await RollBackAsync(resource, knownGood!, context, result, deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether to roll back: break-glass, no known-good, the circuit breaker, a newer change and a rollback already
    /// under way each say no. A yes holds the resource's rollback lease (given back by <see cref="RollBackAsync"/>).
    /// </summary>
    private async Task<Decision> DecideRollbackAsync(PolicyChangeEvent change, GuardedResource resource, KnownGoodPolicy? knownGood, Judgement judgement, InvocationDeadline deadline)
    {
        var cancellationToken = deadline.Work;
        if (config.BreakGlassRoles.Contains(change.Actor.PrincipalArn))
        {
            return new Decision(Outcome.Alerted, OutcomeReason.BreakGlass, $"changed by break-glass role {change.Actor.PrincipalArn}: judged and alerted, never rolled back");
        }

        if (knownGood is null)
        {
            return new Decision(Outcome.RollbackSkipped, OutcomeReason.NoKnownGood, "no known-good policy is recorded for this resource, so there is nothing safe to restore; nothing was changed");
        }

        var history = await State.Rollbacks.GetRollbacksAsync(resource.Kind.Key, services.Time.GetUtcNow().AddHours(-1), cancellationToken).ConfigureAwait(false);
        if (history.Times.Count >= config.MaxRollbacks)
        {
            return new Decision(Outcome.CircuitOpen, OutcomeReason.None, $"rolled back {history.Times.Count} times in the last hour (limit {config.MaxRollbacks}); another automation keeps re-applying this change, so the guardrail stops fighting it. Find and fix that automation.");
        }

        // Read again right before writing: never overwrite a change newer than the one judged.
        var current = await Judging.ReadHashAsync(resource, cancellationToken).ConfigureAwait(false);
        if (current == judgement.Hash)
        {
            // Parallel deliveries of distinct events about one change would otherwise all write the same rollback.
            if (!await State.Rollbacks.TryStartRollbackAsync(resource.Kind.Key, services.Time.GetUtcNow(), knownGood.Hash, deadline.ClaimExpiry, cancellationToken).ConfigureAwait(false))
            {
                return new Decision(Outcome.RollbackSkipped, OutcomeReason.RollbackInProgress, "the guardrail is rolling this policy back right now while handling another change event; that invocation's alert reports the rollback");
            }

            var what = knownGood.PolicyText is null ? "removed the bucket policy (the known-good state was no policy)" : "restored the known-good policy";
            return new Decision(Outcome.RolledBack, OutcomeReason.None, $"{what} recorded from event {knownGood.EventId} ({knownGood.Time:u}, by {knownGood.Actor}); verified by reading it back");
        }

        // Read the history again: a concurrent rollback records what it restores just before writing it.
        var restored = (await State.Rollbacks.GetRollbacksAsync(resource.Kind.Key, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false)).LastRestoredHash;
        return current == restored
            ? new Decision(Outcome.RollbackSkipped, OutcomeReason.NewerChangeByGuardrail, "the guardrail has already rolled this policy back (while judging another change event); the live policy is the known-good one, nothing more to do")
            : new Decision(Outcome.RollbackSkipped, OutcomeReason.NewerChangeByOther, "someone else changed the policy again after the change that was judged; not overwriting their newer change (its own event will be judged)");
    }

    /// <summary>Records the alert, writes the known-good policy, verifies it, then publishes; a failure is reported, then thrown.</summary>
    private async Task<InvocationResult> RollBackAsync(GuardedResource resource, KnownGoodPolicy knownGood, AlertContext context, InvocationResult result, InvocationDeadline deadline)
    {
        var kind = resource.Kind;
        var now = services.Time.GetUtcNow();
        var planned = new PendingAlert(result.EventId!, kind.Key, AlertComposer.Compose(context), Outcome.RolledBack.ToText(), AlertStage.Planned, now, knownGood.Hash, $"rolled the policy back at {now:HH:mm:ss} UTC");

        // The alert is on record before anything changes, so that a retry can tell of a rollback this attempt dies after.
        await State.Outbox.PutPendingAsync(planned, deadline.Work).ConfigureAwait(false);
        try
        {
            await resource.Store.WriteAsync(knownGood.PolicyText, deadline.Work).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndRollbackAsync(kind, deadline).ConfigureAwait(false);
            return await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackWriteFailed, $"writing the known-good policy failed ({e.GetType().Name}: {e.Message}); the judged policy is most likely still live.", e, deadline).ConfigureAwait(false);
        }

        string after;
        try
        {
            after = await Judging.ReadHashAsync(resource, deadline.Work).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndRollbackAsync(kind, deadline).ConfigureAwait(false);
            return await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackNotVerified, $"the known-good policy was written, but reading it back failed ({e.GetType().Name}: {e.Message}).", e, deadline).ConfigureAwait(false);
        }

        await EndRollbackAsync(kind, deadline).ConfigureAwait(false);
        if (after != knownGood.Hash)
        {
            return await ReportRollbackFailureAsync(planned, context, result, OutcomeReason.RollbackNotVerified, "the rollback did not stick: after writing, the live policy is not the known-good one.", null, deadline).ConfigureAwait(false);
        }

        services.Metrics.Count("Rollbacks");
        var ready = planned with { Stage = AlertStage.Ready };
        return await PublishAsync(ready, ready.Message, result, deadline).ConfigureAwait(false);
    }

    /// <summary>Gives the rollback lease back; if that fails, the lease runs out shortly after the deadline anyway.</summary>
    private async Task EndRollbackAsync(IPolicyKind kind, InvocationDeadline deadline)
    {
        try
        {
            await State.Rollbacks.EndRollbackAsync(kind.Key, deadline.CleanUp).ConfigureAwait(false);
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
        await PublishAsync(failed, failed.Message, result with { Outcome = Outcome.RollbackFailed, ReasonCode = code, Reason = reason }, deadline).ConfigureAwait(false);

        // Reported: forget the alert, so that Lambda's retry tries the rollback again rather than finding it sent.
        await State.Outbox.DeletePendingAsync(planned.EventId, deadline.CleanUp).ConfigureAwait(false);
        throw new FunctionFailedException($"rollback of the {context.Resource.Type} of {context.Resource.Name} failed: {reason}", error);
    }

    /// <summary>Publishes an alert an earlier attempt recorded, marked as delayed with what that attempt did.</summary>
    private Task<InvocationResult> PublishDelayedAsync(PendingAlert pending, IPolicyKind kind, InvocationDeadline deadline)
    {
        var why = pending.PublishError is { } error ? $"its alert could not be published ({error})" : "it stopped before publishing its alert";
        var note = $"an earlier attempt (started {pending.RecordedAt:u}) {pending.Action}; {why}. This alert is published by Lambda's retry.";
        services.Log.Warn("publishing the alert an earlier attempt left in the outbox", ("resource", kind.Name), ("note", note));
        var result = new InvocationResult(OutcomeText.Parse(pending.Outcome), pending.EventId, note, kind.Type, kind.Name, DelayedAlert: true);
        return PublishAsync(pending with { Stage = AlertStage.Ready }, DelayedAlert.Mark(pending.Message, note), result, deadline);
    }

    /// <summary>Publishes <paramref name="message"/> for an outbox alert and marks it published; on failure the outbox says why.</summary>
    private async Task<InvocationResult> PublishAsync(PendingAlert pending, Aws.Sns.SnsMessage message, InvocationResult result, InvocationDeadline deadline)
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

    /// <summary>Runs a judging step; if it throws, publishes <c>could-not-judge</c> and fails the invocation.</summary>
    private async Task<T> WhileJudgingAsync<T>(PolicyChangeEvent change, IPolicyKind kind, InvocationDeadline deadline, Func<CancellationToken, Task<T>> step)
    {
        try
        {
            return await step(deadline.Work).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var reason = deadline.WorkExpired ? OutcomeReason.Deadline : OutcomeReason.Error;
            await CouldNotJudgeReport.PublishAsync(services, config.TopicArn!, kind, change, reason, e, deadline.CleanUp).ConfigureAwait(false);
            throw new FunctionFailedException($"could not judge the {kind.Type} of {kind.Name} ({reason.ToText()}): {e.GetType().Name}: {e.Message}", e);
        }
    }

    private static string? EventPolicyHash(PolicyChangeEvent change, IPolicyKind kind)
    {
        if (change.EventName == "DeleteBucketPolicy")
        {
            return PolicyHash.NoPolicy;
        }

        if (change.PolicyText is null)
        {
            return null;
        }

        try
        {
            return PolicyHash.Of(kind.Parse(change.PolicyText));
        }
        catch (Core.Parsing.PolicyParseException)
        {
            return null;
        }
    }
}
