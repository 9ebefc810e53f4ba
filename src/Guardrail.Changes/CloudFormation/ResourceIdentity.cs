namespace Guardrail.Changes.CloudFormation;

/// <summary>What an ARN of a resource is made from.</summary>
/// <param name="Name">The resource's name (its physical id, its name property, or a placeholder).</param>
/// <param name="Path">Its IAM path (<c>/</c> when not given).</param>
/// <param name="Partition">The partition.</param>
/// <param name="Account">The account, when known.</param>
/// <param name="Region">The Region, when known.</param>
/// <param name="Placeholder">Whether <paramref name="Name"/> is a placeholder for a resource the template creates.</param>
internal sealed record ArnParts(string Name, string Path, string Partition, string? Account, string? Region, bool Placeholder);

/// <summary>
/// How CloudFormation names one resource type: the property that gives its physical name, what <c>Ref</c> returns,
/// and how its ARN is made (<c>null</c> when a part it needs is unknown).
/// </summary>
/// <param name="Type">The resource type.</param>
/// <param name="NameProperty">The property naming it (<c>BucketName</c>), if the type has one.</param>
/// <param name="Arn">Its ARN from its parts, if the type has an <c>Arn</c> attribute the template can know.</param>
/// <param name="RefIsArn">Whether <c>Ref</c> returns the ARN rather than the name (managed policies).</param>
/// <param name="ArnAttributes">The <c>Fn::GetAtt</c> attributes that are the ARN.</param>
internal sealed record ResourceIdentity(string Type, string? NameProperty, Func<ArnParts, string?>? Arn, bool RefIsArn, IReadOnlyList<string> ArnAttributes)
{
    /// <summary>The suffix of a placeholder name for a resource the template creates without a name.</summary>
    public const string PlaceholderSuffix = "-proposed";

    private static readonly Dictionary<string, ResourceIdentity> Known = new ResourceIdentity[]
    {
        new("AWS::S3::Bucket", "BucketName", p => $"arn:{p.Partition}:s3:::{p.Name}", false, ["Arn"]),
        new("AWS::IAM::Role", "RoleName", p => p.Account is { } a ? $"arn:{p.Partition}:iam::{a}:role{p.Path}{p.Name}" : null, false, ["Arn"]),
        new("AWS::IAM::ManagedPolicy", "ManagedPolicyName", p => p.Account is { } a ? $"arn:{p.Partition}:iam::{a}:policy{p.Path}{p.Name}" : p.Placeholder ? $"arn:{p.Partition}:iam::ACCOUNT:policy{p.Path}{p.Name}" : null, true, ["PolicyArn"]),
        new("AWS::KMS::Key", null, KeyArn, false, ["Arn"]),
        new("AWS::KMS::Alias", "AliasName", p => p.Account is { } a && p.Region is { } r ? $"arn:{p.Partition}:kms:{r}:{a}:{p.Name}" : null, false, []),
        new("AWS::Redshift::Cluster", "ClusterIdentifier", null, false, []),
        new("AWS::RedshiftServerless::Namespace", "NamespaceName", null, false, []),
        new("AWS::EC2::VPCEndpoint", null, null, false, []),
        new("AWS::Organizations::Policy", null, null, false, []),
    }.ToDictionary(i => i.Type, StringComparer.Ordinal);

    /// <summary>The identity of <paramref name="type"/> (a type without a name property, ARN or table entry: <c>Ref</c> is its physical id or a placeholder).</summary>
    public static ResourceIdentity For(string type) => Known.GetValueOrDefault(type) ?? new ResourceIdentity(type, null, null, false, []);

    // A key's ARN: the physical id when it is one; else made from the key id (a new key's placeholder id keeps REGION/ACCOUNT when not given).
    private static string? KeyArn(ArnParts p)
    {
        if (p.Name.StartsWith("arn:", StringComparison.Ordinal))
        {
            return p.Name;
        }

        return p.Placeholder
            ? $"arn:{p.Partition}:kms:{p.Region ?? "REGION"}:{p.Account ?? "ACCOUNT"}:key/{p.Name}"
            : p.Account is { } a && p.Region is { } r ? $"arn:{p.Partition}:kms:{r}:{a}:key/{p.Name}" : null;
    }
}
