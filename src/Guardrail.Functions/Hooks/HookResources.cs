using System.Text.Json;
using System.Text.Json.Nodes;
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
    /// <summary>
    /// Properties that are whole sets: an update that drops one (present before, absent now) makes CloudFormation
    /// remove what it made, so the set is judged empty — a role's policies detached, a cluster's roles dropped. (A
    /// template alone cannot say this: it has no "before".)
    /// </summary>
    private static readonly (string Type, string Property)[] DroppedMeansEmpty =
    [
        ("AWS::IAM::Role", "Policies"),
        ("AWS::IAM::Role", "ManagedPolicyArns"),
        ("AWS::Redshift::Cluster", "IamRoles"),
        ("AWS::RedshiftServerless::Namespace", "IamRoles"),
    ];

    public static IReadOnlyList<ProposedChange> Changes(HookRequest request, ChangeContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Properties is not { } properties)
        {
            return [];
        }

        return request.Action == HookAction.Delete
            ? CloudFormationResources.Deleted(request.TargetName, request.LogicalId, properties, context)
            : CloudFormationResources.Changes(request.TargetName, request.LogicalId, WithDroppedSets(request, properties), context);
    }

    private static JsonElement WithDroppedSets(HookRequest request, JsonElement properties)
    {
        if (request.PreviousProperties is not { } previous)
        {
            return properties;
        }

        var dropped = DroppedMeansEmpty
            .Where(d => d.Type == request.TargetName && previous.TryGetProperty(d.Property, out _) && !properties.TryGetProperty(d.Property, out _))
            .Select(d => d.Property)
            .ToList();
        if (dropped.Count == 0)
        {
            return properties;
        }

        var node = JsonNode.Parse(properties.GetRawText())!.AsObject();
        foreach (var property in dropped)
        {
            node[property] = new JsonArray();
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
