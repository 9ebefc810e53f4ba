using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::KMS::Key</c>: <c>KeyPolicy</c> (absent: KMS's default policy, the account's root for <c>kms:*</c>) and
/// <c>Enabled</c> (false: <c>Disabled</c>). Its ARN is the physical id, else the placeholder
/// <c>arn:PARTITION:kms:REGION:ACCOUNT:key/LogicalId-proposed</c>: a new key is on the path only when a bucket's
/// proposed encryption names it (<c>!GetAtt Key.Arn</c> makes the same placeholder).
/// </summary>
internal sealed class KmsKeyResource : ICloudFormationResource
{
    public string Type => "AWS::KMS::Key";

    public IReadOnlyList<HopKind> Touches => [HopKind.Key];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        if (resource.Arn() is not Proposed<string>.Set arn)
        {
            yield return resource.Unresolved(Touches, (IUnknownValue)resource.Arn());
            yield break;
        }

        var policy = resource.Policy("KeyPolicy");
        if (policy is Proposed<PolicyText>.Removed)
        {
            policy = resource.Context.Account is { } account
                ? new Proposed<PolicyText>.Set(PolicyText.Of($$"""{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:{{resource.Context.Partition}}:iam::{{account}}:root"},"Action":"kms:*","Resource":"*"}]}"""))
                : new Proposed<PolicyText>.Unknown(resource.PathOf("KeyPolicy"), "no KeyPolicy: KMS's default policy names the account, which is not given (--account)");
        }

        yield return new KeyPolicyChange(resource.Source, arn.Value, policy);
        var state = resource.Text("Enabled") switch
        {
            Proposed<string>.Set { Value: "false" or "False" } => new Proposed<string>.Set("Disabled"),
            Proposed<string>.Unknown u => u,
            _ => (Proposed<string>)new Proposed<string>.Set("Enabled"),
        };
        yield return new KeyStateChange(resource.Source, arn.Value, state);
    }

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) => resource.Arn() switch
    {
        Proposed<string>.Set arn => [new KeyStateChange(resource.Source, arn.Value, new Proposed<string>.Removed())],
        var unknown => [resource.Unresolved(Touches, (IUnknownValue)unknown)],
    };
}
