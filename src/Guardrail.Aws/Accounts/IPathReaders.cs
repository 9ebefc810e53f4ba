using Guardrail.Aws.Glue;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Redshift;
using Guardrail.Aws.S3;

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

    /// <summary>KMS is regional: a reader for the keys of <paramref name="region"/>.</summary>
    IKeyReader Keys(string region);
}

/// <summary>Hands out the readers of any account: the caller's own, or another one's (through a role there).</summary>
public interface IAccountReaders
{
    /// <summary>Counts every request the readers make.</summary>
    Calls.AwsCallCounter Counter { get; }

    /// <summary>The account of the caller's own credentials.</summary>
    Task<string> OwnAccountAsync(CancellationToken cancellationToken);

    /// <summary>The readers of <paramref name="account"/>; throws <see cref="Calls.AwsCallException"/> when its credentials cannot be had.</summary>
    Task<IPathReaders> ForAccountAsync(string account, CancellationToken cancellationToken);
}
