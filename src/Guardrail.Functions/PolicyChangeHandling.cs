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
        using var reader = new StreamReader(input);
        var change = EventParser.Parse(await reader.ReadToEndAsync(deadline.Work).ConfigureAwait(false));
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
