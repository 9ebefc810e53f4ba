using Guardrail.Changes;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Functions.Hooks;

/// <summary>The proposed changes a hook request's resource makes (its properties, as CloudFormation resolved them).</summary>
/// <param name="request">The request.</param>
/// <param name="context">The account, Region and file name (the stack) the changes are made for.</param>
/// <exception cref="ChangeInputException">The properties are not valid for the resource type.</exception>
public delegate IReadOnlyList<ProposedChange> HookChanges(HookRequest request, ChangeContext context);
