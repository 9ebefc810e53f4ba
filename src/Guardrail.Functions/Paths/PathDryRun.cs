using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
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
        var config = GuardrailConfig.Load(environment, requireAws: false);
        var region = FunctionHost.Region(environment);
        var (plan, ignored) = AccessPathPlan.For(config, region, change);
        if (plan is null)
        {
            return new DryRun.Result(new InvocationResult(Outcome.Ignored, change.EventId, ignored), []);
        }

        using var factory = new AccountClientFactory(new AwsEndpoints(environment), region, config.MemberRoleName, new AwsCallCounter());
        var results = new List<InvocationResult>();
        var reads = new ReadCache();
        foreach (var target in plan.Targets)
        {
            var kind = new AccessPathKind(target, plan.Trigger, time);
            var text = await new AccessPathStore(target, factory, plan.Trigger, change, null, reads).ReadAsync(cancellationToken).ConfigureAwait(false);
            var judgement = kind.Judge(text);
            results.Add(judgement.IsOk
                ? new InvocationResult(Outcome.Ok, change.EventId, "would record this path as the last known-good", kind.Type, kind.Name, judgement.Verdict)
                : DryRun.Alerted(config, kind, change, judgement, []).Invocation);
        }

        return new DryRun.Result(AccessPathPlan.Combined(results, change.EventId), [$"read live in {region}, nothing written, claimed or published; {factory.Counter.Total} AWS calls"]);
    }
}
