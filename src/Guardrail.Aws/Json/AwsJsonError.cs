using System.Net;
using System.Text.Json;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Json;

/// <summary>
/// Reads the error body of the AWS JSON protocols: <c>{"__type": "com.amazonaws.glue#EntityNotFoundException",
/// "message": "..."}</c> (some services write <c>Message</c>, and the code may come with its namespace or with a
/// <c>:http://...</c> suffix).
/// </summary>
public static class AwsJsonError
{
    /// <summary>The short error code in a JSON error body, or null when the body is not one.</summary>
    public static string? Code(string body)
    {
        if (!LooksLikeJson(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("__type", out var type) || document.RootElement.TryGetProperty("code", out type))
                && type.ValueKind == JsonValueKind.String
                    ? ShortCode(type.GetString()!)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Turns an error answer into the exception every adapter throws.</summary>
    public static AwsServiceException Parse(string service, HttpStatusCode status, string body, string? errorTypeHeader)
    {
        var code = Code(body) ?? (errorTypeHeader is { Length: > 0 } header ? ShortCode(header) : status.ToString());
        var message = "no message";
        if (LooksLikeJson(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && (document.RootElement.TryGetProperty("message", out var text) || document.RootElement.TryGetProperty("Message", out text))
                    && text.ValueKind == JsonValueKind.String)
                {
                    message = text.GetString()!;
                }
            }
            catch (JsonException)
            {
            }
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            message = body.Length > 200 ? body[..200] : body;
        }

        return new AwsServiceException(service, code, message, status, null);
    }

    // "com.amazonaws.glue#EntityNotFoundException" and "EntityNotFoundException:http://internal.amazon.com/..." → "EntityNotFoundException".
    private static string ShortCode(string type)
    {
        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static bool LooksLikeJson(string body) => body.AsSpan().TrimStart().StartsWith("{");
}
