using Guardrail.Changes;
using Guardrail.Changes.CloudFormation;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Functions.Hooks;

/// <summary>
/// A hook request's proposed changes, read from its resolved properties with the template reader's per-type mappers
/// (<see cref="CloudFormationResources"/>); a delete is what deleting the resource with those properties does.
/// </summary>
public static class HookResources
{
    public static IReadOnlyList<ProposedChange> Changes(HookRequest request, ChangeContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Properties is not { } properties)
        {
            return [];
        }

        return request.Action == HookAction.Delete
            ? CloudFormationResources.Deleted(request.TargetName, request.LogicalId, properties, context)
            : CloudFormationResources.Changes(request.TargetName, request.LogicalId, properties, context);
    }
}
