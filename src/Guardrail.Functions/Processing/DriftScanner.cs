using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Processing;

/// <summary>
/// The scheduled sweep: judges every protected bucket and Spectrum role as it is now, records known-good baselines
/// (so the first bad change already has something to roll back to) and alerts once per bad state that events missed.
/// It never rolls back: without an event there is no actor or change to hold responsible.
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

    public async Task<InvocationResult> ScanAsync(string account, CancellationToken cancellationToken)
    {
        services.Log.BeginInvocation(null);
        var buckets = config.ProtectedBuckets ?? (IEnumerable<string>)await services.Buckets.ListBucketsAsync(cancellationToken).ConfigureAwait(false);
        var resources = new List<IGuardedResource>();
        resources.AddRange(buckets.Order(StringComparer.Ordinal).Select(b => new BucketResource(b, account, config, services.Buckets, services.Time)));
        foreach (var role in config.SpectrumRoles.SelectMany(c => c).Select(r => r.Name).Distinct())
        {
            resources.Add(new TrustResource(role, config.ChainsEndingIn(role), services.Iam, services.Time));
        }

        var results = new List<InvocationResult>();
        foreach (var resource in resources)
        {
            results.Add(await ScanAsync(resource, cancellationToken).ConfigureAwait(false));
        }

        var alerted = results.Count(r => r.Outcome == Outcome.Alerted);
        services.Log.Info("drift scan finished", ("resources", results.Count), ("alerted", alerted));
        return new InvocationResult(alerted > 0 ? Outcome.Alerted : Outcome.Ok, null, $"scanned {results.Count} resources; {alerted} newly alerted", Resources: results);
    }

    private async Task<InvocationResult> ScanAsync(IGuardedResource resource, CancellationToken cancellationToken)
    {
        var text = await resource.ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        var policy = resource.Parse(text);
        var hash = PolicyHash.Of(policy);
        var verdict = resource.Evaluate(policy);
        services.Metrics.Count("Evaluations");
        var knownGood = await services.State.GetKnownGoodAsync(resource.Key, cancellationToken).ConfigureAwait(false);
        var now = services.Time.GetUtcNow();
        if (verdict.Access == AccessVerdict.Ok && verdict.Security == SecurityVerdict.Ok)
        {
            if (knownGood?.Hash != hash)
            {
                await services.State.PutKnownGoodAsync(new KnownGoodPolicy(resource.Key, text, hash, $"drift-scan-{now:yyyyMMddTHHmmssZ}", now, "drift scan"), cancellationToken).ConfigureAwait(false);
            }

            return new InvocationResult(Outcome.Ok, null, knownGood?.Hash == hash ? null : "recorded as the known-good baseline", resource.Type, resource.Name, verdict);
        }

        if (await services.State.GetLastAlertedHashAsync(resource.Key, cancellationToken).ConfigureAwait(false) == hash)
        {
            return new InvocationResult(Outcome.Ignored, null, "already alerted on this exact policy", resource.Type, resource.Name, verdict);
        }

        var diff = StatementDiff.Compare(knownGood is null ? null : resource.Parse(knownGood.PolicyText), policy);
        var alert = AlertComposer.Compose(new AlertContext(config.TopicArn!, resource, null, verdict, Outcome.Alerted, "found by the scheduled drift scan: no change event was judged for this policy", diff, knownGood, hash, false));
        var messageId = await services.Sns.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        await services.State.PutLastAlertedHashAsync(resource.Key, hash, cancellationToken).ConfigureAwait(false);
        services.Metrics.Count("Violations");
        return new InvocationResult(Outcome.Alerted, null, "found by the drift scan", resource.Type, resource.Name, verdict, diff, null, messageId);
    }
}
