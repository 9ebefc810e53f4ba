namespace Guardrail.Aws.Ec2;

/// <summary>
/// The EC2 write that puts a VPC endpoint's policy back: <c>ModifyVpcEndpoint</c> with the known-good
/// <c>PolicyDocument</c>, or with <c>ResetPolicy</c> when the known-good state is AWS's default (full access).
/// Counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IVpcEndpointWriter
{
    /// <summary><c>ModifyVpcEndpoint</c>: sets the policy to <paramref name="policyDocument"/>, or resets it to the default full-access policy when null.</summary>
    Task SetVpcEndpointPolicyAsync(string vpcEndpointId, string? policyDocument, CancellationToken cancellationToken);
}
