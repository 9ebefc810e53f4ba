using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>
/// A realistic Spectrum path built in moto: a two-role chain attached to a provisioned cluster, inline and managed
/// policies (one shared by both roles, one also the reading role's boundary), a KMS-encrypted bucket named through
/// a key alias with a key policy and a grant, a second bucket with nothing set, a Glue catalog policy and an
/// organization with the account in an OU that has an SCP of its own.
/// </summary>
internal sealed class LiveWorld : IDisposable
{
    public const string Account = "123456789012";
    public const string EntryRole = $"arn:aws:iam::{Account}:role/spectrum-entry";
    public const string ReaderRole = $"arn:aws:iam::{Account}:role/data/spectrum-reader";
    public const string Lake = "amzn-s3-demo-lake";
    public const string RawBucket = "amzn-s3-demo-raw";
    public const string Cluster = "analytics";
    public const string KeyAlias = $"arn:aws:kms:us-east-1:{Account}:alias/lake";

    private readonly List<IDisposable> owned = [];

    private LiveWorld(MotoServer moto)
    {
        Moto = moto;
        S3 = Own(new AmazonS3Client(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true }));
        Kms = Own(new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint.ToString() }));
        Iam = new AwsQueryClient(Own(AwsHttp.CreateSignedClient("iam", "us-east-1")), moto.Endpoint, "iam", "2010-05-08");
        Redshift = new AwsQueryClient(Own(AwsHttp.CreateSignedClient("redshift", "us-east-1")), moto.Endpoint, "redshift", "2012-12-01");
        Glue = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("glue", "us-east-1")), moto.Endpoint, "glue", "AWSGlue");
        Organizations = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("organizations", "us-east-1")), moto.Endpoint, "organizations", "AWSOrganizationsV20161128");
    }

    public MotoServer Moto { get; }

    public AmazonS3Client S3 { get; }

    public AmazonKeyManagementServiceClient Kms { get; }

    public AwsQueryClient Iam { get; }

    public AwsQueryClient Redshift { get; }

    public AwsJsonClient Glue { get; }

    public AwsJsonClient Organizations { get; }

    /// <summary>The ids AWS makes up, to put into the expected snapshot.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    /// <summary>An empty account (moto reset): build what a test needs with the methods below.</summary>
    public static async Task<LiveWorld> EmptyAsync(MotoServer moto)
    {
        await moto.ResetAsync();
        return new LiveWorld(moto);
    }

    /// <summary>The whole realistic path.</summary>
    public static async Task<LiveWorld> CreateAsync(MotoServer moto)
    {
        var world = await EmptyAsync(moto);
        await world.BuildAsync();
        return world;
    }

    public static string Document(params JsonObject[] statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString();

    public static JsonObject Allow(string action, string resource) =>
        new() { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };

    public async Task<string> CreatePolicyAsync(string name, string document)
    {
        var response = await Iam.CallAsync("CreatePolicy", [new("PolicyName", name), new("PolicyDocument", document)], default);
        return AwsQueryClient.Child(response, "Arn")!;
    }

    public Task CreateRoleAsync(string name, string trustPolicy, string path = "/", params (string Key, string Value)[] tags)
    {
        List<KeyValuePair<string, string>> parameters = [new("RoleName", name), new("Path", path), new("AssumeRolePolicyDocument", trustPolicy)];
        for (var i = 0; i < tags.Length; i++)
        {
            parameters.Add(new($"Tags.member.{i + 1}.Key", tags[i].Key));
            parameters.Add(new($"Tags.member.{i + 1}.Value", tags[i].Value));
        }

        return Iam.CallAsync("CreateRole", parameters, default);
    }

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }

    private async Task BuildAsync()
    {
        var redshiftTrust = Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "redshift.amazonaws.com" }, ["Action"] = "sts:AssumeRole" });
        var chainTrust = Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = EntryRole }, ["Action"] = "sts:AssumeRole" });
        var baseline = await CreatePolicyAsync("spectrum-baseline", Document(Allow("s3:GetBucketLocation", "*")));
        var boundary = await CreatePolicyAsync("spectrum-boundary", Document(Allow("s3:*", "*"), Allow("glue:Get*", "*"), Allow("kms:Decrypt", "*")));
        var lakeRead = await CreatePolicyAsync("lake-read", Document(Allow("s3:GetObject", $"arn:aws:s3:::{Lake}/*"), Allow("s3:ListBucket", $"arn:aws:s3:::{Lake}")));

        await CreateRoleAsync("spectrum-entry", redshiftTrust);
        await Iam.CallAsync("PutRolePolicy", [new("RoleName", "spectrum-entry"), new("PolicyName", "assume-reader"), new("PolicyDocument", Document(Allow("sts:AssumeRole", ReaderRole)))], default);
        await Iam.CallAsync("AttachRolePolicy", [new("RoleName", "spectrum-entry"), new("PolicyArn", baseline)], default);

        await CreateRoleAsync("spectrum-reader", chainTrust, "/data/", ("team", "data"), ("cost-center", "4711"));
        await Iam.CallAsync("PutRolePolicy", [new("RoleName", "spectrum-reader"), new("PolicyName", "glue-catalog"), new("PolicyDocument", Document(Allow("glue:GetTable", "*")))], default);
        await Iam.CallAsync("PutRolePolicy", [new("RoleName", "spectrum-reader"), new("PolicyName", "kms-decrypt"), new("PolicyDocument", Document(Allow("kms:Decrypt", "*")))], default);
        foreach (var attached in new[] { baseline, lakeRead, boundary })
        {
            await Iam.CallAsync("AttachRolePolicy", [new("RoleName", "spectrum-reader"), new("PolicyArn", attached)], default);
        }

        await Iam.CallAsync("PutRolePermissionsBoundary", [new("RoleName", "spectrum-reader"), new("PermissionsBoundary", boundary)], default);

        var keyPolicy = Document(
            new JsonObject { ["Sid"] = "AccountAdmin", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{Account}:root" }, ["Action"] = "kms:*", ["Resource"] = "*" },
            new JsonObject { ["Sid"] = "SpectrumViaS3", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = ReaderRole }, ["Action"] = "kms:Decrypt", ["Resource"] = "*", ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["kms:ViaService"] = "s3.us-east-1.amazonaws.com" } } });
        var key = (await Kms.CreateKeyAsync(new CreateKeyRequest { Policy = keyPolicy })).KeyMetadata;
        Ids["KEY_ARN"] = key.Arn;
        Ids["KEY_ID"] = key.KeyId;
        await Kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/lake", TargetKeyId = key.KeyId });
        await Kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = ReaderRole,
            Operations = ["Decrypt"],
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["aws:s3:arn"] = $"arn:aws:s3:::{Lake}" } },
        });

        await S3.PutBucketAsync(Lake);
        await S3.PutBucketPolicyAsync(Lake, Document(new JsonObject
        {
            ["Sid"] = "SpectrumRead",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = ReaderRole },
            ["Action"] = new JsonArray("s3:GetObject", "s3:ListBucket"),
            ["Resource"] = new JsonArray($"arn:aws:s3:::{Lake}", $"arn:aws:s3:::{Lake}/*"),
        }));
        await S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = Lake,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = KeyAlias }, BucketKeyEnabled = true }],
            },
        });
        await S3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest { BucketName = Lake, OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] } });
        await S3.PutBucketAsync(RawBucket);

        await Glue.CallAsync("PutResourcePolicy", new JsonObject { ["PolicyInJson"] = Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = ReaderRole }, ["Action"] = "glue:Get*", ["Resource"] = $"arn:aws:glue:us-east-1:{Account}:*" }) }, default);

        // The Glue table the path's first table target names (Lake Formation reads its LF-tags).
        await Glue.CallAsync("CreateDatabase", new JsonObject { ["DatabaseInput"] = new JsonObject { ["Name"] = "sales" } }, default);
        await Glue.CallAsync("CreateTable", new JsonObject { ["DatabaseName"] = "sales", ["TableInput"] = new JsonObject { ["Name"] = "orders", ["StorageDescriptor"] = new JsonObject { ["Location"] = $"s3://{Lake}/sales/" } } }, default);

        // moto answers GetResourceLFTags only for a resource that has LF-tags: both have one.
        using (var lakeFormation = AwsHttp.CreateSignedClient("lakeformation", "us-east-1"))
        {
            var lf = new Rest.AwsRestJsonClient(lakeFormation, Moto.Endpoint, "lakeformation");
            await lf.PostAsync("CreateLFTag", new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales", "finance") }, default);
            await lf.PostAsync("AddLFTagsToResource", new JsonObject { ["Resource"] = new JsonObject { ["Database"] = new JsonObject { ["Name"] = "sales" } }, ["LFTags"] = new JsonArray(new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales") }) }, default);
            await lf.PostAsync("AddLFTagsToResource", new JsonObject { ["Resource"] = new JsonObject { ["Table"] = new JsonObject { ["DatabaseName"] = "sales", ["Name"] = "orders" } }, ["LFTags"] = new JsonArray(new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("finance") }) }, default);
        }

        var organization = await Organizations.CallAsync("CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" }, default);
        Ids["ORG_ID"] = organization["Organization"]!["Id"]!.GetValue<string>();
        var root = (await Organizations.CallAsync("ListRoots", [], default))["Roots"]![0]!["Id"]!.GetValue<string>();
        await Organizations.CallAsync("EnablePolicyType", new JsonObject { ["RootId"] = root, ["PolicyType"] = "SERVICE_CONTROL_POLICY" }, default);
        await Organizations.CallAsync("EnablePolicyType", new JsonObject { ["RootId"] = root, ["PolicyType"] = "RESOURCE_CONTROL_POLICY" }, default);
        var ou = (await Organizations.CallAsync("CreateOrganizationalUnit", new JsonObject { ["ParentId"] = root, ["Name"] = "analytics" }, default))["OrganizationalUnit"]!["Id"]!.GetValue<string>();
        await Organizations.CallAsync("MoveAccount", new JsonObject { ["AccountId"] = Account, ["SourceParentId"] = root, ["DestinationParentId"] = ou }, default);
        var scp = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Sid"] = "NoLeaving", ["Effect"] = "Deny", ["Action"] = "organizations:LeaveOrganization", ["Resource"] = "*" }) }.ToJsonString();
        var policy = (await Organizations.CallAsync("CreatePolicy", new JsonObject { ["Name"] = "no-leaving", ["Description"] = "stay", ["Type"] = "SERVICE_CONTROL_POLICY", ["Content"] = scp }, default))["Policy"]!["PolicySummary"]!["Id"]!.GetValue<string>();
        await Organizations.CallAsync("AttachPolicy", new JsonObject { ["PolicyId"] = policy, ["TargetId"] = ou }, default);

        await Redshift.CallAsync("CreateCluster", [new("ClusterIdentifier", Cluster), new("NodeType", "ra3.xlplus"), new("MasterUsername", "admin"), new("MasterUserPassword", "Passw0rd-example"), new("IamRoles.IamRoleArn.1", EntryRole)], default);
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
