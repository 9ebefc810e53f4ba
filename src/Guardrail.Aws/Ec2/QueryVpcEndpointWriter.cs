using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Ec2;

/// <summary><see cref="IVpcEndpointWriter"/> over EC2's Query protocol.</summary>
public sealed class QueryVpcEndpointWriter(AwsQueryClient client, AwsCallCounter counter) : IVpcEndpointWriter
{
    public Task SetVpcEndpointPolicyAsync(string vpcEndpointId, string? policyDocument, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] parameters = policyDocument is null
            ? [new("VpcEndpointId", vpcEndpointId), new("ResetPolicy", "true")]
            : [new("VpcEndpointId", vpcEndpointId), new("PolicyDocument", policyDocument)];
        return AwsCall.RunAsync(counter, "ec2:ModifyVpcEndpoint", () => (Task)client.CallAsync("ModifyVpcEndpoint", parameters, cancellationToken));
    }
}
