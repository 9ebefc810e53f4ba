using Guardrail.Aws.Ssm;
using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.BreakGlass;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// Judges one policy change and acts on it: ignore failed calls, claim the event (its id and digest), judge the live
/// policy, record it as known-good when ok, otherwise alert and (when enabled and the verdict is <c>breaks</c>) roll
/// back safely. The guardrail's own changes are judged like any other: what it restores is re-judged ok right before
/// the write, so judging its own restore records it as known-good and nothing loops. Nothing is decided from an event
/// field another principal could forge: who acted only appears in the alert; break-glass is a live marker; the
/// state-table items it reads are MAC'd, and one that does not verify is never obeyed (and alerted, critical). The alert is recorded in the outbox before any rollback write and published
/// after it; a retry publishes what an earlier attempt left there. A judgement that throws is reported as
/// <c>could-not-judge</c>, a rollback that fails as <c>rollback-failed</c>, and then the invocation fails.
/// </summary>
public sealed class PolicyChangeProcessor
{
    /// <summary>How long an event id is remembered: longer than EventBridge's and Lambda's retry windows.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromDays(2);

    private readonly GuardrailConfig config;
    private readonly GuardrailServices services;
    private readonly AlertDelivery delivery;
    private readonly RollbackStep rollback;

    public PolicyChangeProcessor(GuardrailConfig config, GuardrailServices services)
    {
        this.config = config;
        this.services = services;
        delivery = new AlertDelivery(services);
        rollback = new RollbackStep(services, delivery);
    }

    private GuardrailState State => services.State;

    /// <summary>Why an event is not judged at all, or null when it is (checked before anything is read or claimed).</summary>
    public static string? ReasonToIgnore(PolicyChangeEvent change, IPolicyKind? resource, GuardrailConfig config)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(config);
        if (change.ErrorCode is not null && resource?.FailureEvidence is null)
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
        var claimKey = ClaimKey(kind, change);
        // A state table that cannot be reached (or a deadline that comes first) leaves the change unclaimed: it is
        // reported as could-not-judge before the invocation fails, like any other failure to judge.
        var claim = await WhileJudgingAsync(change, kind, deadline, token => State.Claims.ClaimAsync(claimKey, services.Time.GetUtcNow(), deadline.ClaimExpiry, token)).ConfigureAwait(false);

        if (claim is ClaimResult.InProgress or ClaimResult.Completed)
        {
            var why = claim == ClaimResult.InProgress ? "another invocation is processing this event right now" : "this event was already processed";
            log.Info($"duplicate delivery: {why}", ("resource", kind.Name));
            return new InvocationResult(Outcome.Duplicate, change.EventId, why, kind.Type, kind.Name);
        }

        var invocation = new Invocation(change, resource, claimKey, deadline, log, services.Metrics);
        if (claim == ClaimResult.TakenOverFromExpired)
        {
            log.Warn("an earlier attempt claimed this event and stopped before finishing (killed or timed out): processing it again", ("resource", kind.Name));
            invocation.RetryOfStopped = true;
        }

        if (claim == ClaimResult.TakenOverFromTampered)
        {
            invocation.Tampered(new StateTampering($"event#{claimKey}", "the claim on this event failed its integrity check (no valid MAC, or an expiry beyond any invocation); it was not obeyed, and the event is judged"));
        }

        try
        {
            var result = await DecideAsync(invocation).ConfigureAwait(false);
            await State.Claims.CompleteAsync(claimKey, services.Time.GetUtcNow() + IdempotencyWindow, deadline.CleanUp).ConfigureAwait(false);
            return result;
        }
        catch (Exception e)
        {
            services.Metrics.Count("Failures");
            log.Error("the invocation failed; the event is given back for Lambda's retry", ("resource", kind.Name), ("error", e.GetType().Name), ("message", e.Message));
            await ReleaseAsync(claimKey, deadline).ConfigureAwait(false);
            if (e is OperationCanceledException && deadline.WorkExpired)
            {
                throw new FunctionFailedException($"stopped {deadline.Margin.TotalSeconds:0} s before the {config.TimeoutSeconds} s deadline; Lambda's retry will finish processing event {change.EventId}", e);
            }

            throw;
        }
    }

    /// <summary>
    /// The claim (and outbox) key of an event for a resource kind: the function's type, the event id, and a digest of
    /// the event, so that a forged event borrowing a real event's id is a different claim and never makes the real one
    /// a duplicate.
    /// </summary>
    public static string ClaimKey(IPolicyKind kind, PolicyChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(change);
        return $"{kind.Type}#{change.EventId}#{change.Digest}";
    }

    private async Task ReleaseAsync(string claimKey, InvocationDeadline deadline)
    {
        try
        {
            await State.Claims.ReleaseAsync(claimKey, deadline.CleanUp).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The claim expires by itself shortly after the deadline; the original failure is what matters.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.Log.Error("could not give the event back; its claim expires shortly after the deadline", ("error", e.GetType().Name), ("message", e.Message));
        }
    }

    private async Task<InvocationResult> DecideAsync(Invocation invocation)
    {
        var (change, resource, claimKey, deadline) = (invocation.Change, invocation.Resource, invocation.ClaimKey, invocation.Deadline);
        var kind = resource.Kind;
        var pendingRead = await WhileJudgingAsync(change, kind, deadline, ct => State.Outbox.GetPendingAsync(claimKey, ct)).ConfigureAwait(false);
        invocation.Tampered(pendingRead.Tampering);
        var pending = pendingRead.Value;
        if (pending is { Stage: AlertStage.Published })
        {
            return new InvocationResult(OutcomeText.Parse(pending.Outcome), change.EventId, "an earlier attempt already published this event's alert", kind.Type, kind.Name);
        }

        if (pending is { Stage: AlertStage.Ready })
        {
            return await delivery.PublishDelayedAsync(pending, kind, change.EventId, deadline).ConfigureAwait(false);
        }

        var judgement = await WhileJudgingAsync(change, kind, deadline, ct => Judging.ReadAndJudgeAsync(resource, ct)).ConfigureAwait(false);
        services.Metrics.Count("Evaluations");
        if (pending is { Stage: AlertStage.Planned } && judgement.Hash == pending.RestoreHash)
        {
            // The earlier attempt's rollback write landed before it died: its alert is still owed.
            return await delivery.PublishDelayedAsync(pending with { Action = $"{pending.Action}; the retry found the known-good policy live" }, kind, change.EventId, deadline).ConfigureAwait(false);
        }

        if (pending is { Stage: AlertStage.Planned } && judgement.IsOk)
        {
            // The earlier attempt planned a rollback and stopped; the live state is now ok but not exactly the one it
            // meant to restore (its write landed and something else changed too, or someone fixed it). Nothing below
            // would alert, yet the change it judged is still owed an alert: publish it, then record the ok state.
            await delivery.PublishDelayedAsync(pending with { Action = $"{pending.Action}; the retry found an ok state live that is not exactly the one it meant to restore" }, kind, change.EventId, deadline).ConfigureAwait(false);
        }

        if (pending is { Stage: AlertStage.Planned })
        {
            // An earlier attempt planned a rollback and was stopped before it could tell of it: whatever this attempt
            // publishes is late.
            invocation.RetryOfStopped = true;
        }

        var newer = kind.EventHash(change) is { } eventHash && eventHash != judgement.Hash;
        if (judgement.IsOk)
        {
            await State.KnownGood.PutKnownGoodAsync(new KnownGoodPolicy(kind.Key, judgement.Text, judgement.Hash, change.EventId, change.Time, change.Actor.Arn), deadline.Work).ConfigureAwait(false);
            services.Log.Info("ok: recorded as the last known-good policy", ("resource", kind.Name), ("hash", judgement.Hash), ("newerChangeExists", newer));
            var ok = new InvocationResult(Outcome.Ok, change.EventId, null, kind.Type, kind.Name, judgement.Verdict, NewerChangeExists: newer);
            if (kind.FailureEvidence is { } evidence)
            {
                // Failing now, yet every hop the guardrail reads judges ok: the cause is beyond them, and still worth telling.
                var why = $"{evidence} ({change.ErrorCode}), but the path judges ok: the cause is outside what the guardrail reads (database privileges, Lake Formation data filters, a federated identity, a network outage)";
                var evidenceContext = new AlertContext(config.TopicArn!, kind, change, judgement, Outcome.Ok, OutcomeReason.None, why, [], null, newer) { Tampering = invocation.Tampering };
                return await PublishAsync(invocation, evidenceContext, ok with { Reason = why }).ConfigureAwait(false);
            }

            if (invocation.Tampering.Count == 0)
            {
                return ok;
            }

            // Ok, but someone changed the guardrail's own records: that alone is worth a critical alert.
            var okContext = new AlertContext(config.TopicArn!, kind, change, judgement, Outcome.Ok, OutcomeReason.StateTampered, "the change is ok and was recorded as known-good", [], null, newer) { Tampering = invocation.Tampering };
            return await PublishAsync(invocation, okContext, ok with { ReasonCode = OutcomeReason.StateTampered }).ConfigureAwait(false);
        }

        services.Metrics.Count("Violations");
        foreach (var rule in judgement.Verdict.Findings.Select(f => f.Rule).Distinct())
        {
            services.Metrics.Count("Violations", rule: rule);
        }

        var (knownGoodRead, diff) = await WhileJudgingAsync(change, kind, deadline, async ct =>
        {
            var known = await State.KnownGood.GetKnownGoodAsync(kind.Key, ct).ConfigureAwait(false);
            return (known, Judging.Diff(kind, known.Value, judgement));
        }).ConfigureAwait(false);
        invocation.Tampered(knownGoodRead.Tampering);
        var knownGood = knownGoodRead.Value;
        var breaks = judgement.Verdict.Access == AccessVerdict.Breaks;
        var decision = breaks && config.RollsBack(kind.RestoreKind)
            ? await WhileJudgingAsync(change, kind, deadline, _ => DecideRollbackAsync(invocation, knownGoodRead, judgement)).ConfigureAwait(false)
            : new Decision(Outcome.Alerted, OutcomeReason.None, kind.FailureEvidence is { } failing ? $"{failing} ({change.ErrorCode})" : breaks && config.Rollback && kind.RestoreKind is null ? kind.NoRestoreReason : null);

        // Exceptions only mark findings in the alert: the decision above (rollback or not) never reads them.
        var context = new AlertContext(config.TopicArn!, kind, change, judgement, decision.Outcome, decision.Code, decision.Reason, diff, knownGood, newer)
        {
            Tampering = invocation.Tampering,
            DelayedNote = invocation.DelayedNote,
            Exceptions = AlertExceptions.Decide(config.Document?.Exceptions ?? [], judgement.Verdict, kind.Name, services.Time.GetUtcNow()),
        };
        var result = new InvocationResult(decision.Outcome, change.EventId, decision.Reason, kind.Type, kind.Name, judgement.Verdict, diff, NewerChangeExists: newer, ReasonCode: decision.Code, DelayedAlert: invocation.RetryOfStopped);
        if (decision.Outcome != Outcome.RolledBack)
        {
            return await PublishAsync(invocation, context, result).ConfigureAwait(false);
        }

        return await rollback.RollBackAsync(resource, knownGood!, claimKey, context, result, deadline).ConfigureAwait(false);
    }

    /// <summary>Records the alert in the outbox, then publishes it.</summary>
    private async Task<InvocationResult> PublishAsync(Invocation invocation, AlertContext context, InvocationResult result)
    {
        var ready = new PendingAlert(invocation.ClaimKey, context.Resource.Key, AlertComposer.Compose(context), context.Outcome.ToText(), AlertStage.Ready, services.Time.GetUtcNow(), null, "changed nothing");
        try
        {
            await State.Outbox.PutPendingAsync(ready, invocation.Deadline.Work).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was written, so the outbox is not needed to tell of it: alert now, then fail for the retry.
            await delivery.PublishWithoutOutboxAsync(ready.Message, context.Resource, invocation.Deadline).ConfigureAwait(false);
            throw;
        }

        return await delivery.PublishAsync(ready, ready.Message, result, invocation.Deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether to roll back: break-glass, a known-good record that is missing, fails its integrity check or is not ok
    /// now (or, for a path, is not what broke), the circuit breaker, a newer change and a rollback already under way
    /// each say no. A yes holds the resource's rollback lease (given back by <see cref="RollbackStep"/>).
    /// </summary>
    private async Task<Decision> DecideRollbackAsync(Invocation invocation, StateRead<KnownGoodPolicy> knownGoodRead, Judgement judgement)
    {
        var (change, resource, deadline) = (invocation.Change, invocation.Resource, invocation.Deadline);
        var cancellationToken = deadline.Work;
        var kind = resource.Kind;
        if (services.BreakGlass is { } parameter)
        {
            BreakGlassParameterValue? value;
            try
            {
                value = await parameter.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Break-glass may be on: a restore now could fight the people handling an incident. Alert instead.
                return new Decision(Outcome.RollbackSkipped, OutcomeReason.Error, $"the break-glass parameter {config.BreakGlassParameter} could not be read ({e.GetType().Name}: {e.Message}), so break-glass may be on: nothing was changed. Restore by hand if break-glass is off.");
            }

            var marker = BreakGlassMarker.Judge(value, services.Time.GetUtcNow());
            if (marker.Status == BreakGlassStatus.Active)
            {
                return new Decision(Outcome.Alerted, OutcomeReason.BreakGlass, $"break-glass is on until {marker.Until:u} (SSM parameter {config.BreakGlassParameter}): judged and alerted, never rolled back");
            }

            if (marker.Status == BreakGlassStatus.Invalid)
            {
                invocation.Tampered(new StateTampering($"ssm:{config.BreakGlassParameter}", $"{marker.Problem}; not obeyed"));
            }
        }

        if (knownGoodRead.Tampering is { } tampered)
        {
            return new Decision(Outcome.RollbackRefused, OutcomeReason.StateTampered, $"the known-good record {tampered.ItemKey} failed its integrity check ({tampered.Problem}); it is never restored, and nothing was changed. Someone with write access to the state table changed it: find out who (CloudTrail data events of the table), and restore by hand");
        }

        if (knownGoodRead.Value is not { } knownGood)
        {
            return new Decision(Outcome.RollbackSkipped, OutcomeReason.NoKnownGood, "no known-good policy is recorded for this resource, so there is nothing safe to restore; nothing was changed");
        }

        // Re-judged right before writing, with the same core: only what is ok (and, on a path, only the hop that broke).
        RestorePlan plan;
        try
        {
            plan = kind.PlanRestore(knownGood.PolicyText, judgement, change);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            // The known-good state does not say what the restore would write: the same on every retry, so say so now.
            return new Decision(Outcome.RollbackSkipped, OutcomeReason.Error, $"the restore could not be planned ({e.Message}); nothing was written");
        }

        if (!plan.IsAllowed)
        {
            var outcome = plan.Refusal == OutcomeReason.OtherCause ? Outcome.Alerted : Outcome.RollbackRefused;
            return new Decision(outcome, plan.Refusal, plan.Why);
        }

        var historyRead = await State.Rollbacks.GetRollbacksAsync(kind.Key, services.Time.GetUtcNow().AddHours(-1), cancellationToken).ConfigureAwait(false);
        invocation.Tampered(historyRead.Tampering);
        var history = historyRead.Value ?? RollbackHistory.None;
        if (history.Times.Count >= config.MaxRollbacks)
        {
            return new Decision(Outcome.CircuitOpen, OutcomeReason.None, $"rolled back {history.Times.Count} times in the last hour (limit {config.MaxRollbacks}); another automation keeps re-applying this change, so the guardrail stops fighting it. Find and fix that automation.");
        }

        // The hash a restore must leave, recomputed from the text that will be written, never read from the record.
        var restoredHash = kind.HashOf(knownGood.PolicyText);

        // Read again right before writing: never overwrite a change newer than the one judged.
        var current = await Judging.ReadHashAsync(resource, cancellationToken).ConfigureAwait(false);
        if (current == judgement.Hash)
        {
            // Parallel deliveries of distinct events about one change would otherwise all write the same rollback.
            if (!await State.Rollbacks.TryStartRollbackAsync(kind.Key, services.Time.GetUtcNow(), restoredHash, deadline.ClaimExpiry, cancellationToken).ConfigureAwait(false))
            {
                return new Decision(Outcome.RollbackSkipped, OutcomeReason.RollbackInProgress, "the guardrail is rolling this policy back right now while handling another change event; that invocation's alert reports the rollback");
            }

            // Another invocation may have rolled back and given the lease back between the read above and taking
            // the lease: read once more under the lease. Every way out but the rollback itself gives the lease back,
            // so that a failure here never leaves Lambda's retry finding "a rollback in progress".
            try
            {
                current = await Judging.ReadHashAsync(resource, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await rollback.EndRollbackAsync(kind, null, deadline).ConfigureAwait(false);
                throw;
            }

            if (current != judgement.Hash)
            {
                await rollback.EndRollbackAsync(kind, null, deadline).ConfigureAwait(false);
                return await NewerChangeAsync(resource, current, cancellationToken).ConfigureAwait(false);
            }

            var what = knownGood.PolicyText is null ? "removed the bucket policy (the known-good state was no policy)" : "restored the known-good policy";
            return new Decision(Outcome.RolledBack, OutcomeReason.None, $"{what} recorded from event {knownGood.EventId} ({knownGood.Time:u}, by {knownGood.Actor}), re-judged ok right before the write; verified by reading it back");
        }

        return await NewerChangeAsync(resource, current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live policy is no longer the judged one: whose change is it, the guardrail's own rollback or someone else's?</summary>
    private async Task<Decision> NewerChangeAsync(GuardedResource resource, string? current, CancellationToken cancellationToken)
    {
        // Read the history again: a concurrent rollback records what it restores just before writing it.
        var restored = (await State.Rollbacks.GetRollbacksAsync(resource.Kind.Key, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false)).Value?.LastRestoredHash;
        return current == restored
            ? new Decision(Outcome.RollbackSkipped, OutcomeReason.NewerChangeByGuardrail, "the guardrail has already rolled this policy back (while judging another change event); the live policy is the known-good one, nothing more to do")
            : new Decision(Outcome.RollbackSkipped, OutcomeReason.NewerChangeByOther, "someone else changed the policy again after the change that was judged; not overwriting their newer change (its own event will be judged)");
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
}
