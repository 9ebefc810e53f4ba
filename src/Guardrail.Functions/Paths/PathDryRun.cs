using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The access-path function's dry run: an access-path event carries no state to judge, so the paths it concerns are
/// read live (read-only, with the credentials and endpoints of the environment) and judged; what would be published
/// and done is returned. Nothing is claimed, recorded, published or written.
/// </summary>
public static class PathDryRun
{
    public static async Task<DryRun.Result> RunAsync(string eventJson, Func<string, string?> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var change = EventParser.Parse(eventJson);
        if (AccessEvents.Of(change) is not { } trigger)
        {
            return new DryRun.Result(new InvocationResult(Outcome.Ignored, change.EventId, $"the access-path function does not handle {change.EventName} from {change.EventSource}"), []);
        }

        if (change.ErrorCode is not null)
        {
            return new DryRun.Result(new InvocationResult(Outcome.Ignored, change.EventId, $"the {change.EventName} call failed ({change.ErrorCode}): nothing changed"), []);
        }

        var config = GuardrailConfig.Load(environment, requireAws: false);
        var region = environment("AWS_REGION") is { Length: > 0 } r ? r : "us-east-1";
        var touched = trigger.Touched(change);
        var targets = PathTarget.From(config, region).Where(t => touched is null || t.MayConcern(touched)).ToList();
        if (targets.Count == 0)
        {
            return new DryRun.Result(new InvocationResult(Outcome.Ignored, change.EventId, $"{change.EventName} touches no protected access path"), []);
        }

        using var factory = new AccountClientFactory(new AwsEndpoints(environment), region, config.Paths.AccountRoleName, new AwsCallCounter());
        var results = new List<InvocationResult>();
        foreach (var target in targets)
        {
            var kind = new AccessPathKind(target, trigger, time);
            var text = await new AccessPathStore(target, factory, trigger, change, null).ReadAsync(cancellationToken).ConfigureAwait(false);
            var judgement = kind.Judge(text);
            results.Add(judgement.IsOk
                ? new InvocationResult(Outcome.Ok, change.EventId, "would record this path as the last known-good", kind.Type, kind.Name, judgement.Verdict)
                : DryRun.Alerted(config, kind, change, judgement, []).Invocation);
        }

        var assumptions = new[] { $"read live in {region}, nothing written, claimed or published; {factory.Counter.Total} AWS calls" };
        return results.Count == 1
            ? new DryRun.Result(results[0], assumptions)
            : new DryRun.Result(new InvocationResult(results.MaxBy(x => OutcomeText.Severity(x.Outcome))!.Outcome, change.EventId, $"{results.Count} protected paths judged", "access-path", null, Resources: results), assumptions);
    }
}
