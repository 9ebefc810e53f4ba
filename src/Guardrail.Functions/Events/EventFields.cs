using System.Text.RegularExpressions;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Events;

/// <summary>
/// The shapes the fields of a CloudTrail record must have before the functions use them as keys, names or text.
/// Each check returns what is wrong (naming the field, the value quoted with <see cref="EventText.Quote"/>) or null.
/// Patterns are ASCII-only and anchored with <c>\z</c>, so a trailing newline never passes.
/// </summary>
public static partial class EventFields
{
    /// <summary>The longest event id accepted: CloudTrail's are 36-character GUIDs; the margin is for other emitters.</summary>
    public const int MaxEventIdLength = 128;

    public static string? EventIdProblem(string value) =>
        value.Length == 0 ? "detail.eventID is empty: every CloudTrail event has an id, and duplicate deliveries are recognised by it"
        : value.Length > MaxEventIdLength || !EventId().IsMatch(value) ? $"detail.eventID {EventText.Quote(value)} is not a CloudTrail event id (letters, digits, '-', '_', '.', ':'; at most {MaxEventIdLength})"
        : null;

    public static string? EventSourceProblem(string value) =>
        value.Length <= 128 && EventSource().IsMatch(value) ? null : $"detail.eventSource {EventText.Quote(value)} is not an AWS service (SERVICE.amazonaws.com)";

    public static string? EventNameProblem(string value) =>
        value.Length <= 128 && EventName().IsMatch(value) ? null : $"detail.eventName {EventText.Quote(value)} is not an API action name";

    public static string? AccountProblem(string field, string value) =>
        AwsIdentifiers.IsAccountId(value) ? null : $"{field} {EventText.Quote(value)} is not an AWS account id (12 digits)";

    public static string? RegionProblem(string field, string value) =>
        value.Length <= 32 && Region().IsMatch(value) ? null : $"{field} {EventText.Quote(value)} is not an AWS Region name (like us-east-1)";

    /// <summary>The rule <c>GUARDRAIL_PROTECTED_BUCKETS</c> is checked with (so every protectable bucket passes), anchored at the true end.</summary>
    public static string? BucketNameProblem(string field, string value) =>
        AwsIdentifiers.IsBucketName(value) ? null
            : $"{field} {EventText.Quote(value)} is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)";

    /// <summary>
    /// An ARN an event names, read the same in every partition (<see cref="AwsPartitions"/>): it must have the six
    /// fields of an ARN, a known partition, and the partition of the event's Region (partitions are isolated: an
    /// <c>aws-cn</c> resource is never changed by a call recorded in <c>us-east-1</c>).
    /// </summary>
    public static string? ArnProblem(string field, string value, string region) =>
        AwsArn.Parse(value) is not { } arn ? $"{field} {EventText.Quote(value)} is not an ARN of a known partition (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; partitions {string.Join(", ", AwsPartitions.All)})"
        : arn.Partition != AwsPartitions.OfRegion(region) ? $"{field} {EventText.Quote(value)} is in partition {arn.Partition}, but the event is from Region {region}, in partition {AwsPartitions.OfRegion(region)}"
        : null;

    /// <summary>IAM's rule for role names: 1-64 of letters, digits and <c>+=,.@_-</c>.</summary>
    public static string? RoleNameProblem(string field, string value) =>
        value.Length is >= 1 and <= 64 && RoleName().IsMatch(value) ? null
            : $"{field} {EventText.Quote(value)} is not an IAM role name (1-64 letters, digits and +=,.@_-)";

    [GeneratedRegex(@"^[A-Za-z0-9._:-]+\z")]
    private static partial Regex EventId();

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com\z")]
    private static partial Regex EventSource();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*\z")]
    private static partial Regex EventName();

    [GeneratedRegex(@"^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z")]
    private static partial Regex Region();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]+\z")]
    private static partial Regex RoleName();
}
