using Guardrail.Aws.Iam;
using Guardrail.Aws.Ec2;
using Guardrail.Aws.Kms;
using Guardrail.Aws.LakeFormation;
using Guardrail.Aws.S3;
using Guardrail.Aws.S3Control;

namespace Guardrail.Aws.Accounts;

/// <summary>The writers that restore one account's part of the path, each signed with that account's credentials.</summary>
public interface IPathWriters
{
    IIamPathWriter Iam { get; }

    IBucketSettingsWriter Buckets { get; }

    /// <summary>Lake Formation grants, in the path's Region.</summary>
    ILakeFormationWriter LakeFormation { get; }

    /// <summary>EC2 is regional: the VPC endpoints of <paramref name="region"/>.</summary>
    IVpcEndpointWriter VpcEndpoints(string region);

    /// <summary>S3 Control is regional: this account's access points in <paramref name="region"/>.</summary>
    IAccessPointWriter AccessPoints(string region);

    /// <summary>KMS is regional: a writer for the keys of <paramref name="region"/>.</summary>
    IKeyWriter Keys(string region);
}

/// <summary>
/// Hands out the writers of any account, with the same credentials as its readers: the caller's own in its own
/// account; elsewhere the role assumed there, which then needs the write permissions of the restores it makes.
/// </summary>
public interface IAccountWriters : IAccountScope
{
    /// <summary>The writers of <paramref name="account"/>; throws <see cref="Calls.AwsCallException"/> when its credentials cannot be had.</summary>
    Task<IPathWriters> WritersForAccountAsync(string account, CancellationToken cancellationToken);
}
