using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Organization;

/// <summary>
/// A central account (the <see cref="Sandbox"/>: topic, state table, MAC key) and two members of an organization in
/// moto: the consumer, whose role <c>redshift</c> Spectrum uses, and the producer, whose bucket the role reads through
/// the bucket policy. The functions reach the members through the member role (moto lets any role be assumed, and its
/// credentials act in the role's account).
/// </summary>
internal sealed class OrganizationWorld : IDisposable
{
    public const string Consumer = "111111111111";
    public const string Producer = "222222222222";
    public const string Stranger = "333333333333";
    public const string Management = "999999999999";
    public const string Bucket = "producer-sales-lake";
    public const string RoleArn = $"arn:aws:iam::{Consumer}:role/redshift";
    public const string MemberRole = "SpectrumGuardrailMember";
    public const string PathName = "sales";

    private readonly List<IDisposable> owned = [];

    private OrganizationWorld(Sandbox sandbox, AmazonS3Client producerS3, AwsQueryClient consumerIam)
    {
        Sandbox = sandbox;
        ProducerS3 = producerS3;
        ConsumerIam = consumerIam;
    }

    public Sandbox Sandbox { get; }

    /// <summary>S3 as the producer account's administrator.</summary>
    public AmazonS3Client ProducerS3 { get; }

    /// <summary>IAM as the consumer account's administrator.</summary>
    public AwsQueryClient ConsumerIam { get; }

    /// <summary>The configuration document of the central deployment: one path from the consumer's role to the producer's bucket.</summary>
    public static ConfigDocument Document { get; } = new(
        ConfigDocument.CurrentVersion,
        new OrganizationSettings("o-a1b2c3d4e5", Management, MemberRole),
        new PathDefaults(RollbackSetting.All, [], 3),
        [new PathEntry(PathName, [RoleArn], new ClusterEntry(Consumer, "us-east-1", ClusterKinds.Provisioned, "analytics", null, null, []), [new TableEntry(Producer, "us-east-1", Bucket, "sales/")])]);

    /// <summary>The same path without a cluster to read (moto's Redshift is left out): what the access-path scenarios judge.</summary>
    public static ConfigDocument ClusterlessDocument { get; } = Document with
    {
        Paths = [Document.Paths[0] with { Cluster = new ClusterEntry(Consumer, "us-east-1", ClusterKinds.Provisioned, null, null, null, []) }],
    };

    /// <summary>The consumer role's own permission to read the producer's bucket (inline policy <c>lake-read</c>).</summary>
    public static string ReadPolicy { get; } = Policy(
        new JsonObject { ["Sid"] = "LakeRead", ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = $"arn:aws:s3:::{Bucket}/*" },
        new JsonObject { ["Sid"] = "LakeList", ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = $"arn:aws:s3:::{Bucket}" });

    /// <summary>The cross-account grant Spectrum's role needs on the producer's bucket.</summary>
    public static string GrantPolicy { get; } = Policy(
        new JsonObject { ["Sid"] = "SpectrumReads", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = RoleArn }, ["Action"] = "s3:GetObject", ["Resource"] = $"arn:aws:s3:::{Bucket}/*" },
        new JsonObject { ["Sid"] = "SpectrumLists", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = RoleArn }, ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = $"arn:aws:s3:::{Bucket}" });

    /// <summary>An ordinary-looking edit that cuts Spectrum: every read from outside one VPC endpoint is denied.</summary>
    public static string LockoutPolicy { get; } = Policy(
        new JsonObject { ["Sid"] = "SpectrumReads", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = RoleArn }, ["Action"] = "s3:GetObject", ["Resource"] = $"arn:aws:s3:::{Bucket}/*" },
        new JsonObject { ["Sid"] = "SpectrumLists", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = RoleArn }, ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = $"arn:aws:s3:::{Bucket}" },
        new JsonObject
        {
            ["Sid"] = "DenyOutsideOurVpcEndpoint",
            ["Effect"] = "Deny",
            ["Principal"] = "*",
            ["Action"] = "s3:*",
            ["Resource"] = new JsonArray($"arn:aws:s3:::{Bucket}", $"arn:aws:s3:::{Bucket}/*"),
            ["Condition"] = new JsonObject { ["StringNotEquals"] = new JsonObject { ["aws:SourceVpce"] = "vpce-1a2b3c4d" } },
        });

    public static async Task<OrganizationWorld> CreateAsync(MotoServer moto)
    {
        var sandbox = await Sandbox.CreateAsync(moto);
        var producer = await MotoAccounts.CredentialsAsync(moto, Producer);
        var consumer = await MotoAccounts.CredentialsAsync(moto, Consumer);
        var producerS3 = new AmazonS3Client(producer, new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        var iamHttp = AwsHttp.CreateSignedClient("iam", "us-east-1", consumer);
        var world = new OrganizationWorld(sandbox, producerS3, new AwsQueryClient(iamHttp, moto.Endpoint, "iam", "2010-05-08"));
        world.owned.Add(producerS3);
        world.owned.Add(iamHttp);
        await producerS3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        await producerS3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = Bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] },
        });
        await world.ConsumerIam.CallAsync("CreateRole", [new("RoleName", "redshift"), new("AssumeRolePolicyDocument", Sandbox.Policy("trust-update-benign"))], default);
        return world;
    }

    /// <summary>The functions' host of the central deployment, following <see cref="Document"/>.</summary>
    public FunctionHost Host(ConfigDocument? document = null)
    {
        var host = Sandbox.Host(("GUARDRAIL_ROLLBACK", "true"), ("GUARDRAIL_SCAN_PATHS", "true"));
        return new FunctionHost(host.Config with { Document = document ?? Document }, host.Services);
    }

    /// <summary>The central account's bucket the configuration document is kept in.</summary>
    public const string ConfigBucket = "central-guardrail-config";

    /// <summary>
    /// The host a central deployment builds from its environment: the document at <c>s3://</c><see cref="ConfigBucket"/>
    /// (read at every invocation: TTL 0), the deployment's organization, rollback on.
    /// </summary>
    public FunctionHost DeployedHost() => Sandbox.Host(
        ("GUARDRAIL_CONFIG", $"s3://{ConfigBucket}/guardrail-config.json"),
        ("GUARDRAIL_CONFIG_TTL_SECONDS", "0"),
        ("GUARDRAIL_ORGANIZATION_ID", Document.Organization!.Id),
        ("GUARDRAIL_MANAGEMENT_ACCOUNT", Management),
        ("GUARDRAIL_MEMBER_ROLE_NAME", MemberRole),
        ("GUARDRAIL_ROLLBACK", "true"));

    /// <summary>Stores the central configuration document's text.</summary>
    public async Task PutConfigAsync(string text)
    {
        await Sandbox.S3.PutBucketAsync(new PutBucketRequest { BucketName = ConfigBucket });
        await Sandbox.S3.PutObjectAsync(new PutObjectRequest { BucketName = ConfigBucket, Key = "guardrail-config.json", ContentBody = text });
    }

    /// <summary>A consumer-account IAM event (delivered in us-east-1) of the events/ file <paramref name="name"/>.</summary>
    public static string ConsumerEvent(string name) => Sandbox.Event(name, e =>
    {
        e["account"] = Consumer;
        e["detail"]!["recipientAccountId"] = Consumer;
        e["detail"]!["eventID"] = Guid.NewGuid().ToString();
    });

    public Task PutProducerPolicyAsync(string policy) => ProducerS3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = Bucket, Policy = policy });

    public Task<string?> ProducerPolicyAsync() => new S3BucketPolicies(ProducerS3).GetAsync(Bucket, default);

    /// <summary>A PutBucketPolicy event from <paramref name="account"/> about the producer's bucket, as its member forwards it.</summary>
    public static string BucketEvent(string account, string policy) => Sandbox.Event("bucket-put-benign", e =>
    {
        e["account"] = account;
        e["detail"]!["recipientAccountId"] = account;
        e["detail"]!["eventID"] = Guid.NewGuid().ToString();
        e["detail"]!["requestParameters"]!["bucketName"] = Bucket;
        e["detail"]!["requestParameters"]!["bucketPolicy"] = JsonNode.Parse(policy);
    });

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }

        Sandbox.Dispose();
    }

    private static string Policy(params JsonObject[] statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString();
}
