using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>What the bucket-policy and trust-policy handlers share: read the event, find the resource, process, answer.</summary>
internal static class PolicyChangeHandling
{
    public static async Task<Stream> HandleAsync(FunctionHost host, string function, Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        var change = await EventIntake.ReadAsync(input, host.Services.Log, deadline.Work).ConfigureAwait(false);
        using var invocation = host.Services.Log.StartInvocation(change.EventId);
        if (ResourceResolver.WrongFunction(function, change) is { } wrong)
        {
            host.Services.Log.Info("ignored", ("reason", wrong));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, wrong));
        }

        var kind = ResourceResolver.Resolve(change, host.Config, host.Services.Time);
        var resource = kind is null ? null : PolicyStores.Guard(kind, host.Services);
        var result = await new PolicyChangeProcessor(host.Config, host.Services).ProcessAsync(change, resource, deadline).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
