using System.Text.Json;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.CustomResources;

/// <summary>
/// A CloudFormation custom-resource request (the event CloudFormation sends the function named by a custom
/// resource's <c>ServiceToken</c>): what to do, and the presigned URL the answer must be PUT to.
/// </summary>
/// <param name="RequestType">Create, Update or Delete.</param>
/// <param name="ResponseUrl">The presigned S3 URL that takes the response; CloudFormation waits for it.</param>
/// <param name="StackId">The stack's ARN (its account is the account the scan judges for).</param>
/// <param name="RequestId">Unique per request; echoed in the response.</param>
/// <param name="LogicalResourceId">The custom resource's name in the template; echoed in the response.</param>
/// <param name="PhysicalResourceId">Sent with Update and Delete: the id the Create answer gave.</param>
public sealed record CustomResourceRequest(string RequestType, Uri ResponseUrl, string StackId, string RequestId, string LogicalResourceId, string? PhysicalResourceId)
{
    private static readonly string[] RequiredIds = ["RequestType", "StackId", "RequestId", "LogicalResourceId"];

    /// <summary>
    /// The request, when <paramref name="json"/> is one (it has <c>RequestType</c> and <c>ResponseURL</c>); null for any
    /// other input, which the caller handles as before.
    /// </summary>
    /// <exception cref="InvalidEventException">It is a custom-resource request, but one that cannot be answered (no usable
    /// response URL or no ids); CloudFormation will time the resource out, so the message says what is missing.</exception>
    public static CustomResourceRequest? TryParse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
#pragma warning disable CA1507 // CloudFormation's field names, which only happen to equal these parameters' names.
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("RequestType", out _) || !root.TryGetProperty("ResponseURL", out _))
            {
                return null;
            }

            // Read as strictly as an event: a repeated name or half a surrogate pair is a rejected request, never a crash.
            StrictEventJson.Check(root);
            var url = Text(root, "ResponseURL");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var responseUrl) || responseUrl.Scheme is not ("https" or "http"))
            {
                throw new InvalidEventException("the custom-resource request's ResponseURL is not an http(s) URL; CloudFormation cannot be answered");
            }

            var missing = RequiredIds.Where(name => string.IsNullOrEmpty(Text(root, name))).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidEventException($"the custom-resource request has no {string.Join(", ", missing)}; CloudFormation cannot be answered");
            }

            return new CustomResourceRequest(Text(root, "RequestType")!, responseUrl, Text(root, "StackId")!, Text(root, "RequestId")!, Text(root, "LogicalResourceId")!, Text(root, "PhysicalResourceId"));
#pragma warning restore CA1507
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
