using Guardrail.Aws.Glue;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Ec2;
using Guardrail.Aws.Kms;
using Guardrail.Aws.LakeFormation;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Redshift;
using Guardrail.Aws.S3;
using Guardrail.Aws.S3Control;

namespace Guardrail.Aws.Accounts;

/// <summary>The readers of one account's part of the path, each signed with that account's credentials.</summary>
public interface IPathReaders
{
    IIamPathReader Iam { get; }

    IBucketSettings Buckets { get; }

    ICatalogPolicyReader Catalog { get; }

    IClusterReader Clusters { get; }

    INamespaceReader Namespaces { get; }

    IOrganizationReader Organization { get; }

    /// <summary>Redshift Serverless workgroups, in the path's Region.</summary>
    IWorkgroupReader Workgroups { get; }

    /// <summary>Lake Formation, in the path's Region.</summary>
    ILakeFormationReader LakeFormation { get; }

    /// <summary>EC2 is regional: the VPC endpoints, route tables and subnets of <paramref name="region"/>.</summary>
    IVpcNetworkReader Network(string region);

    /// <summary>S3 Control is regional: this account's access points in <paramref name="region"/>.</summary>
    IAccessPointReader AccessPoints(string region);

    /// <summary>KMS is regional: a reader for the keys of <paramref name="region"/>.</summary>
    IKeyReader Keys(string region);
}

/// <summary>Hands out the readers of any account: the caller's own, or another one's (through a role there).</summary>
public interface IAccountReaders : IAccountScope
{
    /// <summary>The readers of <paramref name="account"/>; throws <see cref="Calls.AwsCallException"/> when its credentials cannot be had.</summary>
    Task<IPathReaders> ForAccountAsync(string account, CancellationToken cancellationToken);
}
