namespace Guardrail.Aws.S3Control;

/// <summary>
/// The S3 Control reads of one account's access points (the account the reader is signed for). Failures throw
/// <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IAccessPointReader
{
    /// <summary><c>GetAccessPoint</c> by access point name.</summary>
    Task<AccessPointDescription> GetAccessPointAsync(string name, CancellationToken cancellationToken);

    /// <summary><c>GetAccessPointPolicy</c>: the policy text, or null when the access point has none.</summary>
    Task<string?> GetAccessPointPolicyAsync(string name, CancellationToken cancellationToken);

    /// <summary><c>ListAccessPoints</c>, every page up to <see cref="Calls.ReadLimits.MaxPages"/>, optionally of one bucket (to resolve an alias).</summary>
    Task<IReadOnlyList<AccessPointDescription>> ListAccessPointsAsync(string? bucket, CancellationToken cancellationToken);
}

/// <summary>What S3 Control says about an access point.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Bucket">The bucket it serves.</param>
/// <param name="BucketAccountId">The bucket's owner, when S3 Control reports it.</param>
/// <param name="NetworkOrigin"><c>Internet</c> or <c>VPC</c>, as S3 Control spells it.</param>
/// <param name="VpcId">The VPC a VPC-origin access point admits requests from.</param>
/// <param name="Alias">Its alias (<c>NAME-xxxx-s3alias</c>), when reported.</param>
/// <param name="Arn">Its ARN, when reported.</param>
public sealed record AccessPointDescription(string Name, string Bucket, string? BucketAccountId, string NetworkOrigin, string? VpcId, string? Alias, string? Arn);
