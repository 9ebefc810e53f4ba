using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>What the bucket-policy and trust-policy handlers share: read the event, find the resource, process, answer.</summary>
internal static class PolicyChangeHandling
{
    public delegate IGuardedResource? Resolve(PolicyChangeEvent change, FunctionHost host);

    public static async Task<Stream> HandleAsync(FunctionHost host, string function, Stream input, Resolve resolve)
    {
        var change = await EventIntake.ReadAsync(input, host.Services.Log).ConfigureAwait(false);
        using var invocation = host.Services.Log.StartInvocation(change.EventId);
        if (ResourceResolver.WrongFunction(function, change) is { } wrong)
        {
            host.Services.Log.Info("ignored", ("reason", wrong));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, wrong));
        }

        var result = await new PolicyChangeProcessor(host.Config, host.Services).ProcessAsync(change, resolve(change, host), CancellationToken.None).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
