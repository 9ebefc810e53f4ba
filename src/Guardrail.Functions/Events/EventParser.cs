using System.Globalization;
using System.Text.Json;

namespace Guardrail.Functions.Events;

/// <summary>
/// Reads the EventBridge envelope of a CloudTrail event. Accepts both record generations (<c>host</c>/<c>policy</c>
/// as arrays or strings), <c>bucketPolicy</c> as an embedded object, <c>policyDocument</c> as a JSON string, and
/// <c>requestParameters</c> that is null, empty or omitted for size.
/// </summary>
public static class EventParser
{
    public static PolicyChangeEvent Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"the event is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split(" Path:")[0]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException("the event is not a JSON object");
            }

            if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException("the event has no \"detail\" object: expected an EventBridge \"AWS API Call via CloudTrail\" event");
            }

            var eventId = String(detail, "eventID") ?? throw new InvalidEventException("detail.eventID is missing");
            var eventSource = String(detail, "eventSource") ?? throw new InvalidEventException("detail.eventSource is missing");
            var eventName = String(detail, "eventName") ?? throw new InvalidEventException("detail.eventName is missing");
            var account = String(detail, "recipientAccountId") ?? String(root, "account") ?? throw new InvalidEventException("neither detail.recipientAccountId nor account is present");
            var region = String(detail, "awsRegion") ?? String(root, "region") ?? "us-east-1";
            var timeText = String(detail, "eventTime") ?? String(root, "time");
            var time = timeText is not null && DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new InvalidEventException("detail.eventTime is missing or not a time");

            var actor = ReadActor(detail);
            string? bucket = null, role = null, policy = null;
            var omitted = false;
            if (detail.TryGetProperty("requestParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                omitted = parameters.TryGetProperty("omitted", out var o) && o.ValueKind == JsonValueKind.True;
                bucket = String(parameters, "bucketName");
                role = String(parameters, "roleName");
                if (parameters.TryGetProperty("bucketPolicy", out var bucketPolicy) && bucketPolicy.ValueKind == JsonValueKind.Object)
                {
                    policy = bucketPolicy.GetRawText();
                }
                else if (String(parameters, "policyDocument") is { } document2)
                {
                    policy = document2;
                }
            }

            // Parameters over 100 KB are omitted; the bucket is still named in the record's resources.
            bucket ??= BucketFromResources(detail);
            return new PolicyChangeEvent(eventId, eventSource, eventName, account, region, time, actor, String(detail, "errorCode"), String(detail, "errorMessage"), bucket, role, policy, omitted);
        }
    }

    private static string? BucketFromResources(JsonElement detail)
    {
        if (!detail.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind == JsonValueKind.Object && String(resource, "type") == "AWS::S3::Bucket" && String(resource, "ARN") is { } arn
                && arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal))
            {
                return arn["arn:aws:s3:::".Length..];
            }
        }

        return null;
    }

    private static Actor ReadActor(JsonElement detail)
    {
        if (!detail.TryGetProperty("userIdentity", out var identity) || identity.ValueKind != JsonValueKind.Object)
        {
            return new Actor("unknown", null, String(detail, "sourceIPAddress"), String(detail, "userAgent"));
        }

        string? issuer = null;
        if (identity.TryGetProperty("sessionContext", out var session) && session.ValueKind == JsonValueKind.Object
            && session.TryGetProperty("sessionIssuer", out var sessionIssuer) && sessionIssuer.ValueKind == JsonValueKind.Object)
        {
            issuer = String(sessionIssuer, "arn");
        }

        var arn = String(identity, "arn") ?? String(identity, "principalId") ?? String(identity, "invokedBy") ?? "unknown";
        return new Actor(arn, issuer, String(detail, "sourceIPAddress"), String(detail, "userAgent"));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
