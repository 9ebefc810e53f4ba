using Guardrail.Changes;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Functions.Hooks;

/// <summary>The CloudFormation resource types' proposed changes, read from a hook request's properties with the template reader's mappers.</summary>
public static class HookResources
{
    public static IReadOnlyList<ProposedChange> Changes(HookRequest request, ChangeContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        throw new ChangeInputException($"{request.TargetName} is not mapped yet");
    }
}
