using System.Net;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Tests;

/// <summary>
/// The restore writers on answers recorded from AWS (moto grants every call and ignores the expected bucket owner):
/// a refusal is one <see cref="AwsCallException"/> naming the call and the permission to grant, what goes on the
/// wire is what the API reference says, and a throttled write is retried by the pipeline yet counted once.
/// </summary>
public sealed class RecordedWriterTests
{
    private const string Policy = "arn:aws:iam::123456789012:policy/lake-read";
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    /// <summary>Every write, by the call it is counted as.</summary>
    private static readonly Dictionary<string, Func<Writers, Task>> Writes = new(StringComparer.Ordinal)
    {
        ["iam:PutRolePolicy"] = w => w.Iam.PutRolePolicyAsync("spectrum", "read", "{}", default),
        ["iam:DeleteRolePolicy"] = w => w.Iam.DeleteRolePolicyAsync("spectrum", "read", default),
        ["iam:AttachRolePolicy"] = w => w.Iam.AttachRolePolicyAsync("spectrum", Policy, default),
        ["iam:DetachRolePolicy"] = w => w.Iam.DetachRolePolicyAsync("spectrum", Policy, default),
        ["iam:SetDefaultPolicyVersion"] = w => w.Iam.SetDefaultPolicyVersionAsync(Policy, "v1", default),
        ["iam:PutRolePermissionsBoundary"] = w => w.Iam.PutRolePermissionsBoundaryAsync("spectrum", Policy, default),
        ["iam:DeleteRolePermissionsBoundary"] = w => w.Iam.DeleteRolePermissionsBoundaryAsync("spectrum", default),
        ["kms:PutKeyPolicy"] = w => w.Kms.PutKeyPolicyAsync(KeyId, "{}", default),
        ["kms:EnableKey"] = w => w.Kms.EnableKeyAsync(KeyId, default),
        ["kms:CancelKeyDeletion"] = w => w.Kms.CancelKeyDeletionAsync(KeyId, default),
        ["s3:PutBucketEncryption"] = w => w.S3.PutEncryptionAsync("lake", "123456789012", new DefaultEncryption("AES256", null, false), default),
        ["s3:DeleteBucketEncryption"] = w => w.S3.DeleteEncryptionAsync("lake", "123456789012", default),
        ["s3:PutBucketOwnershipControls"] = w => w.S3.PutOwnershipAsync("lake", "123456789012", "BucketOwnerEnforced", default),
        ["s3:DeleteBucketOwnershipControls"] = w => w.S3.DeleteOwnershipAsync("lake", "123456789012", default),
    };

    /// <summary>Each write and the permission AWS wants for it.</summary>
    public static TheoryData<string, string> Refusals => new()
    {
        { "iam:PutRolePolicy", "iam:PutRolePolicy" },
        { "iam:DeleteRolePolicy", "iam:DeleteRolePolicy" },
        { "iam:AttachRolePolicy", "iam:AttachRolePolicy" },
        { "iam:DetachRolePolicy", "iam:DetachRolePolicy" },
        { "iam:SetDefaultPolicyVersion", "iam:SetDefaultPolicyVersion" },
        { "iam:PutRolePermissionsBoundary", "iam:PutRolePermissionsBoundary" },
        { "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary" },
        { "kms:PutKeyPolicy", "kms:PutKeyPolicy" },
        { "kms:EnableKey", "kms:EnableKey" },
        { "kms:CancelKeyDeletion", "kms:CancelKeyDeletion" },
        { "s3:PutBucketEncryption", "s3:PutEncryptionConfiguration" },
        { "s3:DeleteBucketEncryption", "s3:PutEncryptionConfiguration" },
        { "s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls" },
        { "s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_write_names_the_call_and_the_permission_it_needs(string call, string permission)
    {
        var writers = Writers.Refusing();

        var e = await Assert.ThrowsAsync<AwsCallException>(() => Writes[call](writers));

        Assert.Equal(call, e.Call);
        Assert.True(e.IsAccessDenied, e.Code);
        Assert.Equal(permission, e.Permission);
        Assert.Equal(new Dictionary<string, int> { [call] = 1 }, writers.Counter.Counts);
    }

    [Fact]
    public void Every_write_of_the_three_writers_has_a_refusal_case()
    {
        var methods = new[] { typeof(IIamPathWriter), typeof(IKeyWriter), typeof(IBucketSettingsWriter) }.Sum(t => t.GetMethods().Length);

        Assert.Equal(methods, Writes.Count);
        Assert.Equal(Writes.Keys.Order(StringComparer.Ordinal), Refusals.Select(r => (string)r[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IAM_writes_send_the_parameters_the_API_reference_names()
    {
        var network = new RecordedAws()
            .Answer("PutRolePermissionsBoundary", () => RecordedAws.Xml("<PutRolePermissionsBoundaryResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PutRolePermissionsBoundaryResponse>"))
            .Answer("SetDefaultPolicyVersion", () => RecordedAws.Xml("<SetDefaultPolicyVersionResponse><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></SetDefaultPolicyVersionResponse>"));
        var writers = new Writers(network);

        await writers.Iam.PutRolePermissionsBoundaryAsync("spectrum", Policy, default);
        await writers.Iam.SetDefaultPolicyVersionAsync(Policy, "v2", default);

        Assert.Equal(
            [
                "Action=PutRolePermissionsBoundary&Version=2010-05-08&RoleName=spectrum&PermissionsBoundary=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Flake-read",
                "Action=SetDefaultPolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Flake-read&VersionId=v2",
            ],
            network.Sent.Select(s => s.Body));
    }

    [Fact]
    public async Task S3_writes_name_the_expected_owner_and_put_back_the_rule_as_read()
    {
        var network = new RecordedAws()
            .Answer("PUT encryption", () => new HttpResponseMessage(HttpStatusCode.OK))
            .Answer("DELETE ownershipControls", () => new HttpResponseMessage(HttpStatusCode.NoContent));
        var writers = new Writers(network);

        await writers.S3.PutEncryptionAsync("lake", "123456789012", new DefaultEncryption("aws:kms", "arn:aws:kms:us-east-1:123456789012:alias/lake", true), default);
        await writers.S3.DeleteOwnershipAsync("lake", "123456789012", default);

        Assert.Equal(["PUT encryption", "DELETE ownershipControls"], network.Sent.Select(s => s.Operation));
        Assert.All(network.Sent, s => Assert.Equal("123456789012", s.Headers["x-amz-expected-bucket-owner"]));
        var rule = System.Xml.Linq.XDocument.Parse(network.Sent[0].Body).Descendants().Where(e => !e.HasElements).ToDictionary(e => e.Name.LocalName, e => e.Value);
        Assert.Equal(new Dictionary<string, string> { ["SSEAlgorithm"] = "aws:kms", ["KMSMasterKeyID"] = "arn:aws:kms:us-east-1:123456789012:alias/lake", ["BucketKeyEnabled"] = "true" }, rule);
    }

    [Fact]
    public async Task A_throttled_write_is_retried_and_counted_once()
    {
        var network = new RecordedAws().Answer(
            "AttachRolePolicy",
            () => RecordedAws.XmlError("Throttling", HttpStatusCode.BadRequest),
            () => RecordedAws.Xml("<AttachRolePolicyResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AttachRolePolicyResponse>"));
        var writers = new Writers(network);

        await writers.Iam.AttachRolePolicyAsync("spectrum", Policy, default);

        Assert.Equal(2, network.Sent.Count);
        Assert.Equal(1, writers.Counter.Counts["iam:AttachRolePolicy"]);
    }

    /// <summary>The three writers, on one recorded network: IAM through the Query pipeline, KMS and S3 through the SDK's.</summary>
    private sealed class Writers
    {
        public Writers(RecordedAws network)
        {
            Iam = new QueryIamPathWriter(new AwsQueryClient(AwsHttp.CreateSignedClient("iam", "us-east-1", Credentials, network, maxRetries: 2), new Uri("https://iam.amazonaws.com/"), "iam", "2010-05-08"), Counter);
            Kms = new SdkKeyWriter(new AmazonKeyManagementServiceClient(Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = "https://kms.us-east-1.amazonaws.com", HttpClientFactory = RecordedAws.ClientFactory(network), MaxErrorRetry = 0 }), Counter);
            S3 = new S3BucketSettingsWriter(new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = "https://s3.us-east-1.amazonaws.com", ForcePathStyle = true, HttpClientFactory = RecordedAws.ClientFactory(network), MaxErrorRetry = 0 }), Counter);
        }

        public AwsCallCounter Counter { get; } = new();

        public QueryIamPathWriter Iam { get; }

        public SdkKeyWriter Kms { get; }

        public S3BucketSettingsWriter S3 { get; }

        /// <summary>An account whose caller may not make any of the writes: AWS's refusal of each service.</summary>
        public static Writers Refusing()
        {
            var network = new RecordedAws();
            foreach (var iam in new[] { "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "SetDefaultPolicyVersion", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary" })
            {
                network.Answer(iam, () => RecordedAws.XmlError("AccessDenied"));
            }

            foreach (var kms in new[] { "PutKeyPolicy", "EnableKey", "CancelKeyDeletion" })
            {
                network.Answer(kms, () => RecordedAws.JsonError("AccessDeniedException"));
            }

            foreach (var s3 in new[] { "PUT encryption", "DELETE encryption", "PUT ownershipControls", "DELETE ownershipControls" })
            {
                network.Answer(s3, () => RecordedAws.S3Error("AccessDenied"));
            }

            return new Writers(network);
        }
    }
}
