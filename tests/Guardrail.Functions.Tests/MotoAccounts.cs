using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Credentials that act in another moto account: moto ties an assumed role's session to the role's account, and lets
/// any role name be assumed (it need not exist), so this is how the tests act as a member account's administrator.
/// </summary>
internal static class MotoAccounts
{
    public static async Task<AWSCredentials> CredentialsAsync(MotoServer moto, string account)
    {
        using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Endpoint.ToString() });
        var session = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{account}:role/setup", RoleSessionName = "setup" })).Credentials;
        return new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken);
    }
}
