using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.Accounts;

/// <summary><see cref="IStsSessions"/> over AWSSDK.SecurityToken.</summary>
public sealed class SdkStsSessions : IStsSessions
{
    private readonly IAmazonSecurityTokenService sts;
    private readonly AwsCallCounter counter;

    public SdkStsSessions(IAmazonSecurityTokenService sts, AwsCallCounter counter)
    {
        this.sts = sts;
        this.counter = counter;
    }

    public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "sts:GetCallerIdentity", async () =>
            (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Account
                ?? throw new AwsCallException("sts:GetCallerIdentity", "InvalidResponse", "the answer has no Account"));

    public Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken) =>
        AwsCall.RunAsync<AWSCredentials>(counter, "sts:AssumeRole", async () =>
        {
            var credentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName }, cancellationToken).ConfigureAwait(false)).Credentials
                ?? throw new AwsCallException("sts:AssumeRole", "InvalidResponse", "the answer has no Credentials");
            return new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        });
}
