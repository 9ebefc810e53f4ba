using Guardrail.Changes.Terraform.Resources;
using Guardrail.Core.Spectrum;

namespace Guardrail.Changes.Terraform;

/// <summary>The resource types the reader knows, one mapper each; any other type is ignored.</summary>
internal static class ResourceMappers
{
    private static readonly IResourceMapper[] All =
    [
        new BucketPolicyMapper(),
        new BucketMapper(),
        new BucketEncryptionMapper(),
        new BucketOwnershipMapper(),
        new IamRoleMapper(),
        new IamRolePolicyMapper(),
        new IamPolicyMapper(),
        new RolePolicyAttachmentMapper(),
        new RolePoliciesExclusiveMapper(),
        new KmsKeyMapper(),
        new ClusterRolesMapper("aws_redshift_cluster", "cluster_identifier", "iam_roles", ClusterKind.Provisioned),
        new ClusterRolesMapper("aws_redshift_cluster_iam_roles", "cluster_identifier", "iam_role_arns", ClusterKind.Provisioned),
        new ClusterRolesMapper("aws_redshiftserverless_namespace", "namespace_name", "iam_roles", ClusterKind.Serverless),
        new VpcEndpointPolicyMapper("aws_vpc_endpoint", "id"),
        new VpcEndpointPolicyMapper("aws_vpc_endpoint_policy", "vpc_endpoint_id"),
        new LakeFormationPermissionsMapper(),
        new OrganizationPolicyMapper(),
        new OrganizationPolicyAttachmentMapper(),
    ];

    private static readonly Dictionary<string, IResourceMapper> ByType = All.ToDictionary(m => m.Type, StringComparer.Ordinal);

    /// <summary>The mapper of <paramref name="type"/>, or null when the type is not on Spectrum's path.</summary>
    public static IResourceMapper? For(string type) => ByType.GetValueOrDefault(type);

    /// <summary>The types read, for documentation and tests.</summary>
    public static IEnumerable<string> Types => ByType.Keys;
}
