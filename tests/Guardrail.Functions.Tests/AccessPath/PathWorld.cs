using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Functions.Paths;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// The access path the events/access-*.json files describe, built in moto on top of the <see cref="Sandbox"/>
/// (bucket <c>amzn-s3-demo-bucket</c>, role <c>redshift</c>, the alert topic with its SQS subscription, the state
/// table): the role reads through the managed policy <c>spectrum-lake-read</c>, may decrypt through its inline policy
/// <c>kms-decrypt</c>, is capped by the boundary <c>data-boundary</c>; the bucket is encrypted with a customer key
/// whose policy delegates to the account. Every hop is ok, and every single change the tests make cuts one hop.
/// </summary>
internal sealed class PathWorld : IDisposable
{
    public const string Account = "123456789012";
    public const string RoleName = "redshift";
    public const string RoleArn = $"arn:aws:iam::{Account}:role/{RoleName}";
    public const string PathKey = "path#redshift";
    public const string PathName = $"{RoleArn} -> s3://{Sandbox.Bucket}/";
    public const string LakeRead = $"arn:aws:iam::{Account}:policy/spectrum-lake-read";
    public const string DataBoundary = $"arn:aws:iam::{Account}:policy/data-boundary";

    /// <summary>The boundary the PutRolePermissionsBoundary event sets: Glue only, no S3.</summary>
    public const string GlueOnlyBoundary = $"arn:aws:iam::{Account}:policy/spectrum-boundary";

    /// <summary>The managed policy the AttachRolePolicy test attaches (moto has no AWS managed policies to attach).</summary>
    public const string DenyS3 = $"arn:aws:iam::{Account}:policy/deny-s3";

    /// <summary>The role the break-glass tests act as (the events' actor).</summary>
    public const string PlatformAdmin = $"arn:aws:iam::{Account}:role/PlatformAdmin";

    private readonly List<IDisposable> owned = [];

    private PathWorld(MotoServer moto, Sandbox sandbox)
    {
        Moto = moto;
        Sandbox = sandbox;
        Kms = Own(new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint.ToString() }));
        Redshift = new AwsQueryClient(Own(AwsHttp.CreateSignedClient("redshift", "us-east-1")), moto.Endpoint, "redshift", "2012-12-01");
        Glue = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("glue", "us-east-1")), moto.Endpoint, "glue", "AWSGlue");
        Organizations = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("organizations", "us-east-1")), moto.Endpoint, "organizations", "AWSOrganizationsV20161128");
    }

    public MotoServer Moto { get; }

    public Sandbox Sandbox { get; }

    public AwsQueryClient Iam => Sandbox.IamQuery;

    public AmazonS3Client S3 => Sandbox.S3;

    public AmazonKeyManagementServiceClient Kms { get; }

    public AwsQueryClient Redshift { get; }

    public AwsJsonClient Glue { get; }

    public AwsJsonClient Organizations { get; }

    /// <summary>The bucket's key as moto made it.</summary>
    public KeyMetadata LakeKey { get; private set; } = new();

    /// <summary>Every invocation's call counter, in order, when the host counts (<see cref="CountingHost"/>).</summary>
    public List<AwsCallCounter> Counters { get; } = [];

    /// <summary>The member account <see cref="MemberReaderAsync"/> made.</summary>
    public string MemberAccount { get; private set; } = string.Empty;

    public static async Task<PathWorld> CreateAsync(MotoServer moto)
    {
        var world = new PathWorld(moto, await Sandbox.CreateAsync(moto));
        await world.BuildAsync();
        return world;
    }

    public static string Document(params JsonObject[] statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString();

    public static JsonObject Statement(string effect, string action, string resource, string? sid = null)
    {
        var statement = new JsonObject { ["Effect"] = effect, ["Action"] = action, ["Resource"] = resource };
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }

        return statement;
    }

    /// <summary>The host a Lambda would build from this environment (FunctionHost.FromEnvironment, its own path readers).</summary>
    public FunctionHost Host(params (string Key, string Value)[] overrides) => Sandbox.Host([("GUARDRAIL_SCAN_PATHS", "true"), .. overrides]);

    /// <summary>
    /// The same host, except that each invocation's factory counts into <see cref="Counters"/> and its Query/JSON
    /// clients (IAM, Redshift, Glue, Organizations) send through <paramref name="network"/> when given.
    /// </summary>
    public FunctionHost CountingHost(Func<HttpMessageHandler>? network, params (string Key, string Value)[] overrides)
    {
        var host = Host(overrides);
        var environment = Sandbox.Environment([("GUARDRAIL_SCAN_PATHS", "true"), .. overrides]);
        return new FunctionHost(host.Config, host.Services with
        {
            PathReaders = memberRole =>
            {
                var counter = new AwsCallCounter();
                Counters.Add(counter);
                var factory = new AccountClientFactory(new AwsEndpoints(name => environment.GetValueOrDefault(name)), "us-east-1", memberRole, counter, network: network?.Invoke());
                return new PathReaderSession(factory, factory, factory);
            },
        });
    }

    private Task<XDocument> CreatePolicyAsync(string name, string document) =>
        Iam.CallAsync("CreatePolicy", [new("PolicyName", name), new("PolicyDocument", document)], default);

    public Task IamAsync(string action, params (string Name, string Value)[] parameters) =>
        Iam.CallAsync(action, parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)), default);

    /// <summary>A customer key with <paramref name="policy"/>.</summary>
    public async Task<KeyMetadata> CreateKeyAsync(string policy) =>
        (await Kms.CreateKeyAsync(new CreateKeyRequest { Policy = policy })).KeyMetadata;

    /// <summary>A key policy that gives the account's IAM policies the say (the delegation to the account).</summary>
    public static string DelegatingKeyPolicy() =>
        Document(new JsonObject { ["Sid"] = "EnableIamPolicies", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{Account}:root" }, ["Action"] = "kms:*", ["Resource"] = "*" });

    /// <summary>A key policy only an administrator role is named in: no delegation, no grant to the Spectrum role.</summary>
    public static string AdminOnlyKeyPolicy() =>
        Document(new JsonObject { ["Sid"] = "AdminsOnly", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = PlatformAdmin }, ["Action"] = "kms:*", ["Resource"] = "*" });

    public Task PutEncryptionAsync(string keyArn) => S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
    {
        BucketName = Sandbox.Bucket,
        ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
        {
            ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = keyArn }, BucketKeyEnabled = true }],
        },
    });

    public Task PutOwnershipAsync(string bucket, ObjectOwnership ownership) => S3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
    {
        BucketName = bucket,
        OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ownership }] },
    });

    /// <summary>An events/ file with fields set by their dotted path (<c>detail.requestParameters.keyId</c>); a null value removes the value.</summary>
    public static string Event(string name, params (string Path, JsonNode? Value)[] changes) => Sandbox.Event(name, node =>
    {
        foreach (var (path, value) in changes)
        {
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode)node, (n, part) => n[part]!);
            parent[parts[^1]] = value?.DeepClone();
        }
    });

    /// <summary>A second Spectrum role, <paramref name="name"/>, set up as <c>redshift</c> is (the same managed policy, inline policy and boundary).</summary>
    public async Task<string> SecondReaderAsync(string name)
    {
        await Iam.CallAsync("CreateRole", [new("RoleName", name), new("AssumeRolePolicyDocument", Sandbox.Policy("trust-update-benign"))], default);
        await IamAsync("AttachRolePolicy", ("RoleName", name), ("PolicyArn", LakeRead));
        await IamAsync("PutRolePolicy", ("RoleName", name), ("PolicyName", "kms-decrypt"), ("PolicyDocument", Document(Statement("Allow", "kms:Decrypt", LakeKey.Arn, "LakeKey"))));
        await IamAsync("PutRolePermissionsBoundary", ("RoleName", name), ("PermissionsBoundary", DataBoundary));
        return $"arn:aws:iam::{Account}:role/{name}";
    }

    /// <summary>
    /// Makes this account an organization's management account with a member account in it whose role
    /// <c>redshift</c> reads the bucket here (its own inline policy, and the bucket policy's grant; the bucket is
    /// left without default encryption so that no key has to name the role). Returns the member's role ARN; the
    /// function reads it through <c>GUARDRAIL_ACCOUNT_ROLE_NAME</c> (moto lets any role be assumed).
    /// </summary>
    public async Task<string> MemberReaderAsync()
    {
        const string bucketArn = $"arn:aws:s3:::{Sandbox.Bucket}";
        await Organizations.CallAsync("CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" }, default);
        var created = await Organizations.CallAsync("CreateAccount", new JsonObject { ["AccountName"] = "analytics", ["Email"] = "analytics@example.com" }, default);
        MemberAccount = created["CreateAccountStatus"]!["AccountId"]!.GetValue<string>();
        var role = $"arn:aws:iam::{MemberAccount}:role/{RoleName}";

        using var http = AwsHttp.CreateSignedClient("iam", "us-east-1", await MotoAccounts.CredentialsAsync(Moto, MemberAccount));
        var memberIam = new AwsQueryClient(http, Moto.Endpoint, "iam", "2010-05-08");
        await memberIam.CallAsync("CreateRole", [new("RoleName", RoleName), new("AssumeRolePolicyDocument", Sandbox.Policy("trust-update-benign"))], default);
        var read = Document(
            Statement("Allow", "s3:GetObject", $"{bucketArn}/*"),
            new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = bucketArn });
        await memberIam.CallAsync("PutRolePolicy", [new("RoleName", RoleName), new("PolicyName", "lake-read"), new("PolicyDocument", read)], default);

        await S3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = Sandbox.Bucket });
        await Sandbox.PutPolicyAsync(Document(
            new JsonObject { ["Sid"] = "AnalyticsReads", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = role }, ["Action"] = "s3:GetObject", ["Resource"] = $"{bucketArn}/*" },
            new JsonObject { ["Sid"] = "AnalyticsLists", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = role }, ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = bucketArn }));
        return role;
    }

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }

        Sandbox.Dispose();
    }

    private async Task BuildAsync()
    {
        const string bucketArn = $"arn:aws:s3:::{Sandbox.Bucket}";
        await CreatePolicyAsync("spectrum-lake-read", Document(
            Statement("Allow", "s3:GetObject", $"{bucketArn}/*", "LakeRead"),
            new JsonObject { ["Sid"] = "LakeList", ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = bucketArn }));
        await CreatePolicyAsync("data-boundary", Document(Statement("Allow", "s3:*", "*"), Statement("Allow", "kms:Decrypt", "*"), Statement("Allow", "glue:Get*", "*"), Statement("Allow", "lakeformation:GetDataAccess", "*")));
        await CreatePolicyAsync("spectrum-boundary", Document(Statement("Allow", "glue:Get*", "*")));
        await CreatePolicyAsync("deny-s3", Document(Statement("Deny", "s3:*", "*", "DenyS3")));

        LakeKey = await CreateKeyAsync(DelegatingKeyPolicy());
        await IamAsync("AttachRolePolicy", ("RoleName", RoleName), ("PolicyArn", LakeRead));
        await IamAsync("PutRolePolicy", ("RoleName", RoleName), ("PolicyName", "kms-decrypt"), ("PolicyDocument", Document(Statement("Allow", "kms:Decrypt", LakeKey.Arn, "LakeKey"))));
        await IamAsync("PutRolePermissionsBoundary", ("RoleName", RoleName), ("PermissionsBoundary", DataBoundary));
        await PutEncryptionAsync(LakeKey.Arn);
        await PutOwnershipAsync(Sandbox.Bucket, ObjectOwnership.BucketOwnerEnforced);
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
