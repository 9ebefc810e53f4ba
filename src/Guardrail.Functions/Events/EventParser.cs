using System.Globalization;
using System.Text;
using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Events;

/// <summary>
/// Reads the EventBridge envelope of a CloudTrail event, strictly: what the functions will use as a key, a name or a
/// message must have the shape AWS gives it, or the event is rejected with one line naming the field. Accepts both
/// record generations (<c>host</c>/<c>policy</c> as arrays or strings), <c>bucketPolicy</c> and
/// <c>policyDocument</c> as an embedded object or as a JSON string holding the policy, and <c>requestParameters</c>
/// that is null, empty or omitted for size.
/// </summary>
public static class EventParser
{
    /// <summary>EventBridge's limit for one event (PutEvents entry size), 256 KB: nothing larger was sent by it.</summary>
    public const int MaxEventBytes = 256 * 1024;

    /// <summary>The only <c>detail-type</c> the functions read.</summary>
    public const string ApiCallDetailType = "AWS API Call via CloudTrail";

    // EventBridge names a CloudTrail event's source after the service; for the services the functions watch, a
    // mismatch means the envelope was not written by EventBridge.
    private static readonly Dictionary<string, string> SourceOfService = new(StringComparer.Ordinal)
    {
        ["s3.amazonaws.com"] = "aws.s3",
        ["iam.amazonaws.com"] = "aws.iam",
        ["kms.amazonaws.com"] = "aws.kms",
        ["redshift.amazonaws.com"] = "aws.redshift",
        ["redshift-serverless.amazonaws.com"] = "aws.redshift-serverless",
        ["glue.amazonaws.com"] = "aws.glue",
        ["organizations.amazonaws.com"] = "aws.organizations",
        ["lakeformation.amazonaws.com"] = "aws.lakeformation",
        ["ec2.amazonaws.com"] = "aws.ec2",
    };

    // The requestParameters that name what an access-path event touched (CloudTrail's own field names).
    private static readonly string[] PathParameterNames =
        ["policyName", "policyArn", "keyId", "clusterIdentifier", "namespaceName", "versionId", "permissionsBoundary", "policyId", "targetId", "grantId", "resourceArn", "workgroupName", "catalogId"];

    // Nested requestParameters that name what an access-path event touched, by event name (their shapes differ per
    // service: EC2 wraps its request, S3 Control names the access point in the URI). Read only when they are plain
    // text where CloudTrail puts them; anything else leaves them out (the event then may concern any path).
    private static readonly Dictionary<string, (string Key, string[] Path)[]> NestedParameters = new(StringComparer.Ordinal)
    {
        ["GrantPermissions"] = [("principal", ["principal", "dataLakePrincipalIdentifier"])],
        ["RevokePermissions"] = [("principal", ["principal", "dataLakePrincipalIdentifier"])],
        ["CreateLakeFormationOptIn"] = [("principal", ["principal", "dataLakePrincipalIdentifier"])],
        ["DeleteLakeFormationOptIn"] = [("principal", ["principal", "dataLakePrincipalIdentifier"])],
        ["ModifyVpcEndpoint"] = [("vpcEndpointId", ["ModifyVpcEndpointRequest", "VpcEndpointId"])],
        ["DeleteVpcEndpoints"] = [("vpcEndpointId", ["DeleteVpcEndpointsRequest", "VpcEndpointId", "content"])],
        ["PutAccessPointPolicy"] = [("accessPointName", ["name"]), ("accessPointAccount", ["x-amz-account-id"])],
        ["DeleteAccessPointPolicy"] = [("accessPointName", ["name"]), ("accessPointAccount", ["x-amz-account-id"])],
        ["DeleteAccessPoint"] = [("accessPointName", ["name"]), ("accessPointAccount", ["x-amz-account-id"])],
    };

    /// <summary>Why an event of this many UTF-8 bytes is refused, or null when it is within EventBridge's limit.</summary>
    public static string? SizeProblem(long bytes) =>
        bytes <= MaxEventBytes ? null : $"the event is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; {LimitText}";

    /// <summary>The limit, as messages state it.</summary>
    public static string LimitText => $"EventBridge delivers events of at most 256 KB ({MaxEventBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)";

    /// <exception cref="InvalidEventException">The event is not a CloudTrail API-call event the functions can read.</exception>
    public static PolicyChangeEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (SizeProblem(Encoding.UTF8.GetByteCount(json)) is { } tooLarge)
        {
            throw new InvalidEventException(tooLarge);
        }

        var bytes = Utf8(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidEventException(SafeText.Line($"the event is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split(" Path:")[0]}"));
        }

        using (document)
        {
            StrictEventJson.Check(document.RootElement);
            return Read(document.RootElement) with { Digest = EventDigest.Of(document.RootElement) };
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The event as UTF-8; a string holding half of a surrogate pair (not text) is refused, never replaced.</summary>
    private static byte[] Utf8(string json)
    {
        try
        {
            return StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw new InvalidEventException($"the event is not valid Unicode text: an unpaired UTF-16 surrogate at character {e.Index + 1}");
        }
    }

    private static PolicyChangeEvent Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("the event is not a JSON object");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("the event has no \"detail\" object: expected an EventBridge \"AWS API Call via CloudTrail\" event");
        }

        var detailType = RequiredString(root, "detail-type", "detail-type");
        if (detailType != ApiCallDetailType)
        {
            throw new InvalidEventException($"detail-type {EventText.Quote(detailType)} is not \"{ApiCallDetailType}\": the functions read CloudTrail API-call events only");
        }

        var source = RequiredString(root, "source", "source");

        var eventId = RequiredString(detail, "eventID", "detail.eventID");
        Check(EventFields.EventIdProblem(eventId), null);
        var eventSource = RequiredString(detail, "eventSource", "detail.eventSource");
        Check(EventFields.EventSourceProblem(eventSource), eventId);
        var eventName = RequiredString(detail, "eventName", "detail.eventName");
        Check(EventFields.EventNameProblem(eventName), eventId);
        CheckSource(source, eventSource, eventId);

        var account = OptionalString(detail, "recipientAccountId", "detail.recipientAccountId", eventId) is { } recipient
            ? Checked(recipient, EventFields.AccountProblem("detail.recipientAccountId", recipient), eventId)
            : OptionalString(root, "account", "account", eventId) is { } envelopeAccount
                ? Checked(envelopeAccount, EventFields.AccountProblem("account", envelopeAccount), eventId)
                : throw new InvalidEventException("neither detail.recipientAccountId nor account is present") { EventId = eventId };
        var region = OptionalString(detail, "awsRegion", "detail.awsRegion", eventId) is { } awsRegion
            ? Checked(awsRegion, EventFields.RegionProblem("detail.awsRegion", awsRegion), eventId)
            : OptionalString(root, "region", "region", eventId) is { } envelopeRegion
                ? Checked(envelopeRegion, EventFields.RegionProblem("region", envelopeRegion), eventId)
                : "us-east-1";
        var timeText = OptionalString(detail, "eventTime", "detail.eventTime", eventId) ?? OptionalString(root, "time", "time", eventId);
        var time = timeText is not null && DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw new InvalidEventException("detail.eventTime is missing or not a time") { EventId = eventId };

        var (bucket, role, policy, omitted) = ReadParameters(detail, eventId);

        // Parameters over 100 KB are omitted; the bucket is still named in the record's resources.
        bucket ??= BucketFromResources(detail, region, eventId);
        return new PolicyChangeEvent(eventId, eventSource, eventName, account, region, time, ReadActor(detail), ErrorCode(detail), ErrorMessage(detail), bucket, role, policy, omitted)
        {
            Parameters = ReadPathParameters(detail, eventName, region, eventId),
        };
    }

    private static void CheckSource(string source, string eventSource, string eventId)
    {
        var expected = SourceOfService.GetValueOrDefault(eventSource);
        var claimed = SourceOfService.FirstOrDefault(s => s.Value == source).Key;
        if ((expected is not null && source != expected) || (claimed is not null && eventSource != claimed))
        {
            throw new InvalidEventException($"source {EventText.Quote(source)} does not match detail.eventSource {EventText.Quote(eventSource)}: EventBridge sends {eventSource} calls as {expected ?? "another source"}") { EventId = eventId };
        }
    }

    private static (string? Bucket, string? Role, string? Policy, bool Omitted) ReadParameters(JsonElement detail, string eventId)
    {
        if (!detail.TryGetProperty("requestParameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return (null, null, null, false);
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException($"detail.requestParameters is a {Kind(parameters)}, not an object") { EventId = eventId };
        }

        var omitted = parameters.TryGetProperty("omitted", out var o) && o.ValueKind == JsonValueKind.True;
        var bucket = OptionalString(parameters, "bucketName", "requestParameters.bucketName", eventId);
        Check(bucket is null ? null : EventFields.BucketNameProblem("requestParameters.bucketName", bucket), eventId);
        var role = OptionalString(parameters, "roleName", "requestParameters.roleName", eventId);
        Check(role is null ? null : EventFields.RoleNameProblem("requestParameters.roleName", role), eventId);
        var policy = PolicyParameter(parameters, "bucketPolicy", eventId) ?? PolicyParameter(parameters, "policyDocument", eventId);
        return (bucket, role, policy, omitted);
    }

    /// <summary>The plain-text parameters that name what an access-path event touched; values that are not plain are refused, naming the field.</summary>
    private static IReadOnlyDictionary<string, string> ReadPathParameters(JsonElement detail, string eventName, string region, string eventId)
    {
        if (!detail.TryGetProperty("requestParameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return EmptyParameters;
        }

        Dictionary<string, string>? found = null;
        foreach (var name in PathParameterNames)
        {
            if (OptionalString(parameters, name, $"requestParameters.{name}", eventId) is not { } value)
            {
                continue;
            }

            if (value.Length == 0 || !EventText.IsPlain(value, 2048))
            {
                throw new InvalidEventException($"requestParameters.{name} {EventText.Quote(value)} is not a plain AWS name or ARN") { EventId = eventId };
            }

            // An ARN (policyArn, permissionsBoundary, resourceArn, a keyId given as an ARN) is read in any partition, and must be in the event's.
            if (value.StartsWith("arn:", StringComparison.Ordinal))
            {
                Check(EventFields.ArnProblem($"requestParameters.{name}", value, region), eventId);
            }

            (found ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
        }

        foreach (var (key, path) in NestedParameters.GetValueOrDefault(eventName) ?? [])
        {
            if (Nested(parameters, path) is { Length: > 0 } value && EventText.IsPlain(value, 2048)
                && (!value.StartsWith("arn:", StringComparison.Ordinal) || EventFields.ArnProblem(key, value, region) is null))
            {
                (found ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
            }
        }

        return found ?? EmptyParameters;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyParameters = new Dictionary<string, string>();

    /// <summary>The string at <paramref name="path"/> under <paramref name="element"/>, or null when any step is missing or of another type.</summary>
    private static string? Nested(JsonElement element, string[] path)
    {
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>The policy a parameter carries, embedded as an object or as a JSON string holding one; null when absent or empty.</summary>
    private static string? PolicyParameter(JsonElement parameters, string name, string eventId)
    {
        if (!parameters.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return value.GetRawText();
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
                return null;
            case JsonValueKind.String:
                var text = value.GetString()!;
                try
                {
                    using var inner = JsonDocument.Parse(text);
                    if (inner.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        StrictEventJson.Check(inner.RootElement, $"detail.requestParameters.{name}", eventId);
                        return text;
                    }
                }
                catch (JsonException)
                {
                    // Reported below with the field named.
                }

                throw new InvalidEventException($"requestParameters.{name} is a string that does not hold a JSON policy object: {EventText.Quote(text)}") { EventId = eventId };
            default:
                throw new InvalidEventException($"requestParameters.{name} is a {Kind(value)}; expected the policy as an object or a JSON string") { EventId = eventId };
        }
    }

    /// <summary>The bucket of the record's first <c>AWS::S3::Bucket</c> resource, its ARN in any partition (the event's).</summary>
    private static string? BucketFromResources(JsonElement detail, string region, string eventId)
    {
        if (!detail.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var position = 0;
        foreach (var resource in resources.EnumerateArray())
        {
            var field = $"detail.resources[{position++}].ARN";
            if (resource.ValueKind == JsonValueKind.Object && String(resource, "type") == "AWS::S3::Bucket" && String(resource, "ARN") is { } arn)
            {
                Check(EventFields.ArnProblem(field, arn, region), eventId);
                var bucket = AwsArn.Parse(arn)!.BucketName
                    ?? throw new InvalidEventException($"{field} {EventText.Quote(arn)} is not an S3 bucket ARN (arn:PARTITION:s3:::NAME)") { EventId = eventId };
                Check(EventFields.BucketNameProblem($"{field}'s bucket", bucket), eventId);
                return bucket;
            }
        }

        return null;
    }

    /// <summary>
    /// The call's error code when it failed: CloudTrail writes a string, but any value at all (a number such as 403,
    /// an object, null) means the record is not of a successful call. Returned printable.
    /// </summary>
    private static string? ErrorCode(JsonElement detail)
    {
        if (!detail.TryGetProperty("errorCode", out var code))
        {
            return null;
        }

        var text = code.ValueKind == JsonValueKind.String ? code.GetString()! : code.GetRawText();
        return text.Length > 0 && EventText.IsPlain(text) ? text : EventText.Quote(text);
    }

    private static string? ErrorMessage(JsonElement detail) =>
        !detail.TryGetProperty("errorMessage", out var message) || message.ValueKind == JsonValueKind.Null ? null
            : Printable(message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText());

    private static Actor ReadActor(JsonElement detail)
    {
        var sourceIp = Printable(String(detail, "sourceIPAddress"));
        var userAgent = Printable(String(detail, "userAgent"));
        if (!detail.TryGetProperty("userIdentity", out var identity) || identity.ValueKind != JsonValueKind.Object)
        {
            return new Actor("unknown", null, sourceIp, userAgent);
        }

        string? issuer = null;
        if (identity.TryGetProperty("sessionContext", out var session) && session.ValueKind == JsonValueKind.Object
            && session.TryGetProperty("sessionIssuer", out var sessionIssuer) && sessionIssuer.ValueKind == JsonValueKind.Object)
        {
            issuer = Printable(String(sessionIssuer, "arn"));
        }

        var arn = String(identity, "arn") ?? String(identity, "principalId") ?? String(identity, "invokedBy") ?? "unknown";
        return new Actor(Printable(arn)!, issuer, sourceIp, userAgent);
    }

    // Who made a change is shown in alerts and logs: a value that is not plain text is shown quoted and escaped
    // (and then never equals a configured role, so such a change is judged rather than trusted as the guardrail's own).
    private static string? Printable(string? value) => value is null || EventText.IsPlain(value, 2048) ? value : EventText.Quote(value);

    private static void Check(string? problem, string? eventId)
    {
        if (problem is not null)
        {
            throw new InvalidEventException(problem) { EventId = eventId };
        }
    }

    private static string Checked(string value, string? problem, string eventId)
    {
        Check(problem, eventId);
        return value;
    }

    private static string RequiredString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidEventException($"{path} is missing");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidEventException($"{path} is a {Kind(value)}, not a string");
    }

    /// <summary>A string field, or null when absent or JSON null; any other type is rejected, naming the field.</summary>
    private static string? OptionalString(JsonElement element, string name, string path, string eventId)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidEventException($"{path} is a {Kind(value)}, not a string") { EventId = eventId };
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "JSON object",
        JsonValueKind.Array => "JSON array",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "string",
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
