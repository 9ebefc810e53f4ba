using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Guardrail.Aws.Query;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>
/// Clients acting in another moto account: moto ties the credentials of an assumed role to the role's account, so
/// assuming any role name there (moto does not check that it exists) gives a session in that account.
/// </summary>
internal sealed class OtherAccount : IDisposable
{
    private readonly HttpClient iamHttp;

    private OtherAccount(MotoServer moto, AWSCredentials credentials)
    {
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        iamHttp = AwsHttp.CreateSignedClient("iam", "us-east-1", credentials);
        Iam = new AwsQueryClient(iamHttp, moto.Endpoint, "iam", "2010-05-08");
    }

    public AmazonS3Client S3 { get; }

    public AwsQueryClient Iam { get; }

    public static async Task<OtherAccount> CreateAsync(MotoServer moto, string account)
    {
        using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Endpoint.ToString() });
        var session = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{account}:role/setup", RoleSessionName = "setup" })).Credentials;
        return new OtherAccount(moto, new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken));
    }

    public void Dispose()
    {
        S3.Dispose();
        iamHttp.Dispose();
    }
}
