using Amazon.KeyManagementService;
using Amazon.Runtime;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Kms;

namespace Guardrail.Aws.Tests;

/// <summary>
/// The KMS reader on answers recorded from the KMS API reference, through the SDK client: moto reports every key,
/// <c>aws/s3</c> included, as customer managed, and never pages grants.
/// </summary>
public sealed class KeyReaderTests
{
    private static (SdkKeyReader Reader, RecordedAws Network, AwsCallCounter Counter) Reader(RecordedAws network)
    {
        var config = new AmazonKeyManagementServiceConfig { ServiceURL = "https://kms.us-east-1.amazonaws.com", HttpClientFactory = new Recorded(network), MaxErrorRetry = 0 };
        var counter = new AwsCallCounter();
        return (new SdkKeyReader(new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config), counter), network, counter);
    }

    [Fact]
    public async Task The_aws_s3_key_is_reported_as_AWS_managed()
    {
        var (reader, _, _) = Reader(new RecordedAws().Answer("DescribeKey", () => RecordedAws.Json("""
            {"KeyMetadata":{"AWSAccountId":"111122223333","Arn":"arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
             "CreationDate":1.499988169234E9,"Description":"Default key that protects my S3 objects when no other key is defined","Enabled":true,
             "KeyId":"0987dcba-09fe-87dc-65ba-ab0987654321","KeyManager":"AWS","KeyState":"Enabled","KeyUsage":"ENCRYPT_DECRYPT","Origin":"AWS_KMS",
             "KeySpec":"SYMMETRIC_DEFAULT","EncryptionAlgorithms":["SYMMETRIC_DEFAULT"],"MultiRegion":false}}
            """)));

        var key = await reader.DescribeKeyAsync("arn:aws:kms:us-east-1:111122223333:alias/aws/s3", CancellationToken.None);

        Assert.Equal(new KeyDescription("arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321", "0987dcba-09fe-87dc-65ba-ab0987654321", "Enabled", true), key);
    }

    [Fact]
    public async Task Grants_are_read_over_every_page_with_their_constraints()
    {
        var (reader, network, counter) = Reader(new RecordedAws().Answer(
            "ListGrants",
            () => RecordedAws.Json("""
                {"Grants":[{"KeyId":"arn:aws:kms:us-east-1:111122223333:key/k1","GrantId":"g1","Name":"","CreationDate":1.7E9,
                  "GranteePrincipal":"arn:aws:iam::111122223333:role/spectrum","IssuingAccount":"arn:aws:iam::111122223333:root",
                  "Operations":["Decrypt"],"Constraints":{"EncryptionContextEquals":{"aws:s3:arn":"arn:aws:s3:::lake"}}}],
                 "NextMarker":"page-2","Truncated":true}
                """),
            () => RecordedAws.Json("""
                {"Grants":[{"KeyId":"arn:aws:kms:us-east-1:111122223333:key/k1","GrantId":"g2","GranteePrincipal":"redshift.us-east-1.amazonaws.com",
                  "IssuingAccount":"arn:aws:iam::111122223333:root","Operations":["Decrypt","GenerateDataKey"]}],"Truncated":false}
                """)));

        var grants = await reader.ListGrantsAsync("arn:aws:kms:us-east-1:111122223333:key/k1", CancellationToken.None);

        Assert.Equal(2, grants.Count);
        Assert.Equal("arn:aws:iam::111122223333:role/spectrum", grants[0].GranteePrincipal);
        Assert.Equal("arn:aws:s3:::lake", grants[0].EncryptionContextEquals!["aws:s3:arn"]);
        Assert.Null(grants[0].EncryptionContextSubset);
        Assert.Equal(["Decrypt", "GenerateDataKey"], grants[1].Operations);
        Assert.Null(grants[1].EncryptionContextEquals);
        Assert.Contains("\"Marker\":\"page-2\"", network.Sent[1].Body, StringComparison.Ordinal);
        Assert.Equal(2, counter.Counts["kms:ListGrants"]);
    }

    [Fact]
    public async Task A_refused_GetKeyPolicy_names_the_call_and_the_permission()
    {
        var (reader, _, _) = Reader(new RecordedAws().Answer("GetKeyPolicy", () => RecordedAws.JsonError("AccessDeniedException")));

        var e = await Assert.ThrowsAsync<AwsCallException>(() => reader.GetKeyPolicyAsync("arn:aws:kms:us-east-1:111122223333:key/k1", CancellationToken.None));

        Assert.Equal("kms:GetKeyPolicy", e.Call);
        Assert.True(e.IsAccessDenied);
    }

    private sealed class Recorded(RecordedAws network) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(network, disposeHandler: false);
    }
}
