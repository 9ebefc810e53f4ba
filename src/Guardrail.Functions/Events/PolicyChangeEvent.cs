using Guardrail.Core.Identifiers;

namespace Guardrail.Functions.Events;

/// <summary>Who made a change, from the CloudTrail record's <c>userIdentity</c>.</summary>
/// <param name="Arn">The caller's ARN (for a role session, the <c>assumed-role</c> ARN).</param>
/// <param name="IssuerArn">For a role session, the role's ARN (<c>sessionContext.sessionIssuer.arn</c>).</param>
/// <param name="SourceIp">Where the call came from.</param>
/// <param name="UserAgent">What made it.</param>
public sealed record Actor(string Arn, string? IssuerArn, string? SourceIp, string? UserAgent)
{
    /// <summary>The identity to compare with configured roles: the issuing role when there is one.</summary>
    public string PrincipalArn => IssuerArn ?? Arn;
}

/// <summary>
/// A policy change as EventBridge delivers it ("AWS API Call via CloudTrail"). <see cref="PolicyText"/> is the event's
/// copy of the new policy, only a hint: the live policy is what gets judged.
/// </summary>
public sealed record PolicyChangeEvent(
    string EventId,
    string EventSource,
    string EventName,
    string Account,
    string Region,
    DateTimeOffset Time,
    Actor Actor,
    string? ErrorCode,
    string? ErrorMessage,
    string? BucketName,
    string? RoleName,
    string? PolicyText,
    bool ParametersOmitted)
{
    /// <summary>
    /// The request parameters that name what an access-path event touched (<c>policyName</c>, <c>policyArn</c>,
    /// <c>keyId</c>, <c>clusterIdentifier</c>, <c>namespaceName</c>, ...), by CloudTrail's field name; plain text only.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A digest of the whole event's content (<see cref="EventParser.Parse"/> sets it; <see cref="EventDigest"/>): with
    /// the event id it keys the event's claim, so a forged copy that borrows a real event's id is judged on its own and
    /// never hides the real one.
    /// </summary>
    public string Digest { get; init; } = "none";

    /// <summary>The partition of the event's Region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...): the partition of every ARN it names.</summary>
    public string Partition => AwsPartitions.OfRegion(Region);

    public bool IsBucketPolicyChange => EventSource == "s3.amazonaws.com" && EventName is "PutBucketPolicy" or "DeleteBucketPolicy";

    public bool IsTrustPolicyChange => EventSource == "iam.amazonaws.com" && EventName == "UpdateAssumeRolePolicy";
}
