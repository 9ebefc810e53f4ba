using Guardrail.Functions.Events;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>What the bucket-policy and trust-policy handlers share: read the event, find the resource, process, answer.</summary>
internal static class PolicyChangeHandling
{
    public static async Task<Stream> HandleAsync(FunctionHost host, string function, Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        await host.RefreshConfigAsync(deadline).ConfigureAwait(false);
        var change = await EventIntake.ReadAsync(input, host.Services.Log, deadline.Work).ConfigureAwait(false);
        using var invocation = host.Services.Log.StartInvocation(change.EventId);
        if (ResourceResolver.WrongFunction(function, change) is { } wrong)
        {
            host.Services.Log.Info("ignored", ("reason", wrong));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, wrong));
        }

        if (host.Config.Document is { Organization: not null } document && !document.Paths.Select(PathTarget.Of).Any(t => t.Accounts.Contains(change.Account)))
        {
            var outside = EventScope.NoPath(change);
            host.Services.Log.Info("ignored", ("reason", outside));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, outside));
        }

        // Organization mode: the resource's owner account is read and restored through its member role.
        using var session = host.Config.IsOrganization ? host.Services.PathReaders?.Invoke(host.Config.MemberRoleName) : null;
        var kind = ResourceResolver.Resolve(change, host.Config, host.Services.Time);
        var resource = kind is null ? null : PolicyStores.Guard(kind, host.Services, session?.Policies);
        var result = await new PolicyChangeProcessor(host.Config, host.Services).ProcessAsync(change, resource, deadline).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
