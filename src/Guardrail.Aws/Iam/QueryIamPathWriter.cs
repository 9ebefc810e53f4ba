using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Iam;

/// <summary><see cref="IIamPathWriter"/> over the Query protocol (API version 2010-05-08).</summary>
public sealed class QueryIamPathWriter(AwsQueryClient client, AwsCallCounter counter) : IIamPathWriter
{
    public Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        WriteAsync("PutRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName), new("PolicyDocument", policyDocument)], cancellationToken);

    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        WriteAsync("DeleteRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken);

    public Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken) =>
        WriteAsync("AttachRolePolicy", [new("RoleName", roleName), new("PolicyArn", policyArn)], cancellationToken);

    public Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken) =>
        WriteAsync("DetachRolePolicy", [new("RoleName", roleName), new("PolicyArn", policyArn)], cancellationToken);

    public Task SetDefaultPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken) =>
        WriteAsync("SetDefaultPolicyVersion", [new("PolicyArn", policyArn), new("VersionId", versionId)], cancellationToken);

    public Task PutRolePermissionsBoundaryAsync(string roleName, string boundaryArn, CancellationToken cancellationToken) =>
        WriteAsync("PutRolePermissionsBoundary", [new("RoleName", roleName), new("PermissionsBoundary", boundaryArn)], cancellationToken);

    public Task DeleteRolePermissionsBoundaryAsync(string roleName, CancellationToken cancellationToken) =>
        WriteAsync("DeleteRolePermissionsBoundary", [new("RoleName", roleName)], cancellationToken);

    // A write's answer carries nothing but the request id: it is not kept.
    private Task WriteAsync(string action, KeyValuePair<string, string>[] parameters, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, $"iam:{action}", () => (Task)client.CallAsync(action, parameters, cancellationToken));
}
