using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// Judges one policy change and acts on it: ignore failed calls and the guardrail's own changes, de-duplicate on the
/// event id, judge the live policy, record it as known-good when ok, otherwise alert and (when enabled and the
/// verdict is <c>breaks</c>) roll back safely.
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

    /// <summary>Why an event is not judged at all, or null when it is (checked before anything is read or claimed).</summary>
    public static string? ReasonToIgnore(PolicyChangeEvent change, IGuardedResource? resource, GuardrailConfig config)
    {
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

    public async Task<InvocationResult> ProcessAsync(PolicyChangeEvent change, IGuardedResource? resource, CancellationToken cancellationToken)
    {
        var log = services.Log;
        log.BeginInvocation(change.EventId);
        if (ReasonToIgnore(change, resource, config) is { } ignored)
        {
            log.Info("ignored", ("reason", ignored), ("eventName", change.EventName));
            return new InvocationResult(Outcome.Ignored, change.EventId, ignored, resource?.Type, resource?.Name);
        }

        var now = services.Time.GetUtcNow();
        if (!await services.State.ClaimEventAsync(change.EventId, now + IdempotencyWindow, cancellationToken).ConfigureAwait(false))
        {
            log.Info("duplicate delivery: this event was already processed", ("resource", resource!.Name));
            return new InvocationResult(Outcome.Duplicate, change.EventId, "this event was already processed", resource.Type, resource.Name);
        }

        try
        {
            return await JudgeAsync(change, resource!, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Give the event back so Lambda's retry judges it instead of calling it a duplicate.
            await services.State.ReleaseEventAsync(change.EventId, CancellationToken.None).ConfigureAwait(false);
            services.Metrics.Count("Failures");
            throw;
        }
    }

    private async Task<InvocationResult> JudgeAsync(PolicyChangeEvent change, IGuardedResource resource, CancellationToken cancellationToken)
    {
        var liveText = await resource.ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        var live = resource.Parse(liveText);
        var liveHash = PolicyHash.Of(live);
        var newer = EventPolicyHash(change, resource) is { } eventHash && eventHash != liveHash;
        var verdict = resource.Evaluate(live);
        services.Metrics.Count("Evaluations");

        if (verdict.Access == AccessVerdict.Ok && verdict.Security == SecurityVerdict.Ok)
        {
            await services.State.PutKnownGoodAsync(new KnownGoodPolicy(resource.Key, liveText, liveHash, change.EventId, change.Time, change.Actor.Arn), cancellationToken).ConfigureAwait(false);
            services.Log.Info("ok: recorded as the last known-good policy", ("resource", resource.Name), ("hash", liveHash), ("newerChangeExists", newer));
            return new InvocationResult(Outcome.Ok, change.EventId, null, resource.Type, resource.Name, verdict, NewerChangeExists: newer);
        }

        services.Metrics.Count("Violations");
        foreach (var rule in verdict.Findings.Select(f => f.Rule).Distinct())
        {
            services.Metrics.Count("Violations", rule: rule);
        }

        var knownGood = await services.State.GetKnownGoodAsync(resource.Key, cancellationToken).ConfigureAwait(false);
        var (outcome, reason) = config.Rollback && verdict.Access == AccessVerdict.Breaks
            ? await RollbackAsync(change, resource, knownGood, liveHash, cancellationToken).ConfigureAwait(false)
            : (Outcome.Alerted, (string?)null);

        var diff = StatementDiff.Compare(knownGood is null ? null : resource.Parse(knownGood.PolicyText), live);
        var alert = AlertComposer.Compose(new AlertContext(config.TopicArn!, resource, change, verdict, outcome, reason, diff, knownGood, liveHash, newer));
        var messageId = await services.Sns.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        services.Log.Warn($"{verdict.Access.ToText()}: alert published", ("resource", resource.Name), ("outcome", outcome.ToText()), ("reason", reason), ("messageId", messageId));
        return new InvocationResult(outcome, change.EventId, reason, resource.Type, resource.Name, verdict, diff, alert, messageId, newer);
    }

    private async Task<(Outcome, string?)> RollbackAsync(PolicyChangeEvent change, IGuardedResource resource, KnownGoodPolicy? knownGood, string judgedHash, CancellationToken cancellationToken)
    {
        if (config.BreakGlassRoles.Contains(change.Actor.PrincipalArn))
        {
            return (Outcome.Alerted, $"changed by break-glass role {change.Actor.PrincipalArn}: judged and alerted, never rolled back");
        }

        if (knownGood is null)
        {
            return (Outcome.RollbackSkipped, "no known-good policy is recorded for this resource, so there is nothing safe to restore; nothing was changed");
        }

        var now = services.Time.GetUtcNow();
        var recent = await services.State.GetRollbacksAsync(resource.Key, now.AddHours(-1), cancellationToken).ConfigureAwait(false);
        if (recent.Count >= config.MaxRollbacks)
        {
            return (Outcome.RollbackSkipped, $"circuit breaker open: rolled back {recent.Count} times in the last hour (limit {config.MaxRollbacks}); another automation keeps re-applying this change, so the guardrail stops fighting it. Find and fix that automation.");
        }

        // Read again right before writing: never overwrite a change newer than the one judged.
        var current = PolicyHash.Of(resource.Parse(await resource.ReadLiveAsync(cancellationToken).ConfigureAwait(false)));
        if (current != judgedHash)
        {
            return (Outcome.RollbackSkipped, "the policy changed again after the change that was judged; not overwriting a newer change (its own event will be judged)");
        }

        await resource.WriteAsync(knownGood.PolicyText, cancellationToken).ConfigureAwait(false);
        await services.State.RecordRollbackAsync(resource.Key, now, cancellationToken).ConfigureAwait(false);
        var after = PolicyHash.Of(resource.Parse(await resource.ReadLiveAsync(cancellationToken).ConfigureAwait(false)));
        if (after != knownGood.Hash)
        {
            return (Outcome.RollbackSkipped, "the rollback did not stick: after writing, the live policy is not the known-good one");
        }

        services.Metrics.Count("Rollbacks");
        var restored = knownGood.PolicyText is null ? "removed the bucket policy (the known-good state was no policy)" : "restored the known-good policy";
        return (Outcome.RolledBack, $"{restored} recorded from event {knownGood.EventId} ({knownGood.Time:u}, by {knownGood.Actor}); verified by reading it back");
    }

    private static string? EventPolicyHash(PolicyChangeEvent change, IGuardedResource resource)
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
            return PolicyHash.Of(resource.Parse(change.PolicyText));
        }
        catch (Core.Parsing.PolicyParseException)
        {
            return null;
        }
    }
}
