using Amazon.Runtime;

namespace Guardrail.Aws.Accounts;

/// <summary>The STS calls an account-scoped factory makes. Failures throw <see cref="Calls.AwsCallException"/>.</summary>
public interface IStsSessions
{
    /// <summary><c>sts:GetCallerIdentity</c>: the account of the credentials in use.</summary>
    Task<string> GetCallerAccountAsync(CancellationToken cancellationToken);

    /// <summary><c>sts:AssumeRole</c>: temporary credentials of <paramref name="roleArn"/>.</summary>
    Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken);
}
