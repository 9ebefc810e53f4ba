using System.Text.Json;
using Guardrail.Core.Text;
using Guardrail.Functions.Runtime;

namespace Guardrail.Functions.Hooks;

/// <summary>What a CloudFormation operation does to the targeted resource.</summary>
public enum HookAction
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// A CloudFormation Lambda hook's request for one resource operation (the hooks user guide's "Request input":
/// <c>clientRequestToken</c>, <c>awsAccountId</c>, <c>stackId</c>, <c>actionInvocationPoint</c>,
/// <c>requestData.targetName</c>/<c>targetType</c>/<c>targetLogicalId</c>/<c>targetModel</c>). Stack and change-set
/// operations carry no <c>targetModel</c> (their template is behind a presigned URL) and are not judged.
/// </summary>
/// <param name="ClientRequestToken">Echoed in the answer.</param>
/// <param name="Account">The account of the stack.</param>
/// <param name="StackId">The stack's ARN.</param>
/// <param name="Action">Create, update or delete; null for an invocation point this hook does not judge.</param>
/// <param name="TargetName">The resource type (<c>AWS::S3::BucketPolicy</c>), or <c>STACK</c>/<c>CHANGE_SET</c>.</param>
/// <param name="LogicalId">The resource's logical id.</param>
/// <param name="Properties">The proposed properties (for a delete, the resource's current ones); null when absent.</param>
/// <param name="PreviousProperties">The properties before an update; null otherwise.</param>
public sealed record HookRequest(string ClientRequestToken, string? Account, string? StackId, HookAction? Action, string TargetName, string LogicalId, JsonElement? Properties, JsonElement? PreviousProperties)
{
    /// <summary>The stack's name, from its ARN (<c>arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID</c>).</summary>
    public string Stack => StackId?.Split(':') is { Length: 6 } parts && parts[5].Split('/') is { Length: >= 2 } path ? path[1] : StackId ?? "(stack)";

    /// <summary>The stack's Region, from its ARN; null when it has none.</summary>
    public string? Region => StackId?.Split(':') is { Length: 6 } parts && parts[3].Length > 0 ? parts[3] : null;

    /// <summary>Reads a request; anything that is not one is an invalid invocation (one line naming the element).</summary>
    public static HookRequest Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = Object(document.RootElement, "the request");
            var data = Object(Required(root, "requestData"), "requestData");
            JsonElement? model = data.TryGetProperty("targetModel", out var m) && m.ValueKind == JsonValueKind.Object ? m : null;
            return new HookRequest(
                Text(Required(root, "clientRequestToken"), "clientRequestToken"),
                Optional(root, "awsAccountId"),
                Optional(root, "stackId"),
                Optional(root, "actionInvocationPoint") switch
                {
                    "CREATE_PRE_PROVISION" => HookAction.Create,
                    "UPDATE_PRE_PROVISION" => HookAction.Update,
                    "DELETE_PRE_PROVISION" => HookAction.Delete,
                    _ => null,
                },
                Text(Required(data, "targetName"), "requestData.targetName"),
                Optional(data, "targetLogicalId") ?? "(resource)",
                ModelProperties(model, "resourceProperties"),
                ModelProperties(model, "previousResourceProperties"));
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException(SafeText.Line($"not a CloudFormation hook request: {e.Message}"));
        }
    }

    private static JsonElement? ModelProperties(JsonElement? model, string name) =>
        model is { } m && m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.Clone() : null;

    private static JsonElement Object(JsonElement element, string what) => element.ValueKind == JsonValueKind.Object
        ? element
        : throw new InvalidInvocationException($"not a CloudFormation hook request: {what} is not an object");

    private static JsonElement Required(JsonElement element, string name) => element.TryGetProperty(name, out var value)
        ? value
        : throw new InvalidInvocationException($"not a CloudFormation hook request: \"{name}\" is missing");

    private static string Text(JsonElement element, string what) => element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text
        ? text
        : throw new InvalidInvocationException($"not a CloudFormation hook request: {what} is not a non-empty string");

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
