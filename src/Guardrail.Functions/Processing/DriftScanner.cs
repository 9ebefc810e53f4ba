using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Processing;

/// <summary>
/// The scheduled sweep: judges every protected bucket and Spectrum role, and every protected access path, as it is now, records known-good baselines
/// (so the first bad change already has something to roll back to) and alerts once per bad state that events missed.
/// Each resource is judged on its own: one that cannot be judged is reported (result and <c>could-not-judge</c>
/// alert) and the sweep goes on. It never rolls back: without an event there is no actor or change to hold responsible.
/// With a scan queue (GUARDRAIL_SCAN_QUEUE_URL) the paths are queued for the path-scan workers instead
/// (<see cref="Scan.ScanCoordinator"/>), which judge each with <see cref="ScanPathAsync"/>.
/// </summary>
public sealed class DriftScanner
{
    private readonly GuardrailConfig config;
    private readonly GuardrailServices services;

    public DriftScanner(GuardrailConfig config, GuardrailServices services)
    {
        this.config = config;
        this.services = services;
    }

    /// <summary>Judges everything protected; the account of the buckets is the configured one (GUARDRAIL_ACCOUNT_ID).</summary>
    public async Task<InvocationResult> ScanAsync(InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        services.Log.BeginInvocation(null);

        // With a queue, the paths go to the path-scan workers first (they are many; the buckets and roles are few):
        // the buckets and roles are judged even when queueing fails, and the failure is raised after them.
        var results = new List<InvocationResult>();
        Exception? queueFailure = null;
        var queued = config.Paths.ScanPaths && services.PathReaders is not null && services.ScanQueue is not null;
        if (queued)
        {
            try
            {
                results.Add(await new Scan.ScanCoordinator(config, services, services.ScanQueue!).EnqueueAsync(deadline).ConfigureAwait(false));
            }
            catch (FunctionFailedException e)
            {
                queueFailure = e;
            }
        }

        // A queued document's buckets and roles go with their paths (the path-scan worker judges each with the first
        // path naming it): an organization's thousands of them would not fit one invocation.
        var kinds = queued && config.Document is not null ? [] : await PolicyKindsAsync(deadline).ConfigureAwait(false);
        using (var accounts = config.IsOrganization ? services.PathReaders?.Invoke(config.MemberRoleName) : null)
        {
            foreach (var kind in kinds)
            {
                results.Add(await ScanResourceAsync(kind, accounts, deadline).ConfigureAwait(false));
            }
        }

        // Whole paths, each on its own: the backstop for what no event shows (AWS's edits of managed policies, lost events).
        if (!queued && config.Paths.ScanPaths && services.PathReaders is { } makeReaders)
        {
            using var session = makeReaders(config.MemberRoleName);
            var firstReads = new Guardrail.Aws.Collect.ReadCache();
            foreach (var target in PathTarget.From(config, services.Region))
            {
                results.Add(await ScanPathAsync(target, session, firstReads, deadline).ConfigureAwait(false));
            }
        }

        if (queueFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(queueFailure);
        }

        var alerted = results.Count(r => r.Outcome == Outcome.Alerted);
        var failed = results.Count(r => r.Outcome == Outcome.CouldNotJudge);
        services.Log.Info("drift scan finished", ("resources", results.Count), ("alerted", alerted), ("couldNotJudge", failed));
        var outcome = failed > 0 ? Outcome.CouldNotJudge : alerted > 0 ? Outcome.Alerted : Outcome.Ok;
        return new InvocationResult(outcome, null, $"scanned {results.Count} resources; {alerted} newly alerted; {failed} could not be judged", Resources: results);
    }

    /// <summary>
    /// Judges one access path as it is now (the step the sweep and the path-scan worker share): read through
    /// <paramref name="session"/>, sharing <paramref name="firstReads"/> with the other paths read at the same moment;
    /// recorded as known-good when ok, alerted once per bad state, and reported (result and could-not-judge alert)
    /// when it cannot be judged.
    /// </summary>
    public Task<InvocationResult> ScanPathAsync(PathTarget target, PathReaderSession session, Guardrail.Aws.Collect.ReadCache firstReads, InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(session);
        var kind = new AccessPathKind(target, AccessEvents.DriftScan, services.Time);
        return ScanOneAsync(kind, new GuardedResource(kind, new AccessPathStore(target, session.Readers, AccessEvents.DriftScan, null, null, firstReads)), deadline);
    }

    /// <summary>
    /// Judges a bucket policy or trust policy as it is now (what the sweep and the path-scan worker share), through
    /// <paramref name="accounts"/>'s owner-account clients in organization mode.
    /// </summary>
    public Task<InvocationResult> ScanResourceAsync(IPolicyKind kind, PathReaderSession? accounts, InvocationDeadline deadline) =>
        ScanOneAsync(kind, PolicyStores.Guard(kind, services, accounts?.Policies), deadline);

    /// <summary>The buckets and roles to judge: the document's, or the environment's (every bucket of the account for <c>*</c>).</summary>
    private async Task<IReadOnlyList<IPolicyKind>> PolicyKindsAsync(InvocationDeadline deadline)
    {
        if (config.Document is { } document)
        {
            return DocumentResources.All(document, services.Time);
        }

        var account = config.AccountId ?? throw new InvalidOperationException("GUARDRAIL_ACCOUNT_ID is not set");
        var buckets = config.ProtectedBuckets ?? (IEnumerable<string>)await services.Buckets.ListBucketsAsync(deadline.Work).ConfigureAwait(false);
        var kinds = new List<IPolicyKind>();
        kinds.AddRange(buckets.Order(StringComparer.Ordinal).Select(b => new BucketPolicyKind(b, account, config, services.Time)));
        foreach (var role in config.SpectrumRoles.SelectMany(c => c).Select(r => r.Name).Distinct())
        {
            kinds.Add(new TrustPolicyKind(role, config.ChainsEndingIn(role), services.Time));
        }

        return kinds;
    }

    private async Task<InvocationResult> ScanOneAsync(IPolicyKind kind, GuardedResource resource, InvocationDeadline deadline)
    {
        if (deadline.WorkExpired)
        {
            return new InvocationResult(Outcome.CouldNotJudge, null, "not scanned: the deadline came first", kind.Type, kind.Name, ReasonCode: OutcomeReason.Deadline);
        }

        try
        {
            return await JudgeAsync(resource, deadline.Work).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One resource that cannot be judged must not hide the state of the others; it is reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var reason = deadline.WorkExpired ? OutcomeReason.Deadline : OutcomeReason.Error;
            var messageId = await CouldNotJudgeReport.PublishAsync(services, config.TopicArn!, kind, null, reason, e, deadline.CleanUp).ConfigureAwait(false);
            return new InvocationResult(Outcome.CouldNotJudge, null, $"{e.GetType().Name}: {e.Message}", kind.Type, kind.Name, MessageId: messageId, ReasonCode: reason);
        }
    }

    private async Task<InvocationResult> JudgeAsync(GuardedResource resource, CancellationToken cancellationToken)
    {
        var kind = resource.Kind;
        var judgement = await Judging.ReadAndJudgeAsync(resource, cancellationToken).ConfigureAwait(false);
        services.Metrics.Count("Evaluations");
        var knownGoodRead = await services.State.KnownGood.GetKnownGoodAsync(kind.Key, cancellationToken).ConfigureAwait(false);
        var knownGood = knownGoodRead.Value;
        var now = services.Time.GetUtcNow();
        if (judgement.IsOk)
        {
            if (knownGoodRead.Tampering is { } tampered)
            {
                // Replaced below by a signed record of the live ok state (how records of versions before MACs are upgraded).
                services.Log.Warn("a known-good record failed its integrity check; the live ok state replaces it", ("resource", kind.Name), ("item", tampered.ItemKey), ("problem", tampered.Problem));
            }

            if (knownGood?.Hash != judgement.Hash)
            {
                await services.State.KnownGood.PutKnownGoodAsync(new KnownGoodPolicy(kind.Key, judgement.Text, judgement.Hash, $"drift-scan-{now:yyyyMMddTHHmmssZ}", now, "drift scan"), cancellationToken).ConfigureAwait(false);
            }

            return new InvocationResult(Outcome.Ok, null, knownGood?.Hash == judgement.Hash ? null : "recorded as the known-good baseline", kind.Type, kind.Name, judgement.Verdict);
        }

        // A marker that fails its integrity check is not obeyed: the scan alerts again (and says why).
        var alerted = await services.State.Outbox.GetLastAlertedHashAsync(kind.Key, cancellationToken).ConfigureAwait(false);
        if (alerted.Value == judgement.Hash)
        {
            return new InvocationResult(Outcome.Ignored, null, "already alerted on this exact policy", kind.Type, kind.Name, judgement.Verdict);
        }

        var tampering = new[] { knownGoodRead.Tampering, alerted.Tampering }.OfType<StateTampering>().ToList();
        var diff = Judging.Diff(kind, knownGood, judgement);
        var alert = AlertComposer.Compose(new AlertContext(config.TopicArn!, kind, null, judgement, Outcome.Alerted, OutcomeReason.None, "found by the scheduled drift scan: no change event was judged for this policy", diff, knownGood, false) { Tampering = tampering });
        var messageId = await services.Sns.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        await services.State.Outbox.PutLastAlertedHashAsync(kind.Key, judgement.Hash, cancellationToken).ConfigureAwait(false);
        services.Metrics.Count("Violations");
        return new InvocationResult(Outcome.Alerted, null, "found by the drift scan", kind.Type, kind.Name, judgement.Verdict, diff, null, messageId);
    }
}
