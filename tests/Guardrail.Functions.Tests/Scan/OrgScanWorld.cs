using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;
using Guardrail.Aws.Sns;
using Guardrail.Aws.Sqs;
using Guardrail.Aws.State;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Scan;

/// <summary>
/// An organization in moto for the queued drift scan (shared by the tests and bench/org-scan): the central
/// (management) account with the guardrail's topic, state table, MAC key and scan queue; member accounts in two OUs,
/// consumers (each path's role, reading through a managed policy the account's paths share) and producers (the
/// buckets, each granting its readers); an SCP and an RCP on the root and on each OU. Path <c>pNNN</c> is role
/// <c>reader-NNN</c> in a consumer account reading <c>s3://lake-PRODUCER/tNNN/</c> in a producer account.
/// </summary>
internal sealed class OrgScanWorld : IDisposable
{
    public const string Central = "123456789012";
    public const string MemberRole = "guardrail-member";
    public const string Region = "us-east-1";
    public const string Table = "spectrum-guardrail-state";

    private readonly List<IDisposable> owned = [];
    private readonly MotoServer moto;

    private OrgScanWorld(MotoServer moto)
    {
        this.moto = moto;
        var endpoint = moto.Endpoint.ToString();
        Sqs = Own(new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = endpoint }));
        Dynamo = Own(new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint }));
        Kms = Own(new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = endpoint }));
        Sns = new AwsQueryClient(Own(AwsHttp.CreateSignedClient("sns", Region)), moto.Endpoint, "sns", "2010-03-31");
        Organizations = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("organizations", Region)), moto.Endpoint, "organizations", "AWSOrganizationsV20161128");
        SqsJson = new AwsJsonClient(Own(AwsHttp.CreateSignedClient("sqs", Region)), moto.Endpoint, "sqs", "AmazonSQS");
    }

    /// <summary>SQS through its JSON protocol (for the alert queue).</summary>
    public AwsJsonClient SqsJson { get; }

    public AmazonSQSClient Sqs { get; }

    public AmazonDynamoDBClient Dynamo { get; }

    public AmazonKeyManagementServiceClient Kms { get; }

    public AwsQueryClient Sns { get; }

    public AwsJsonClient Organizations { get; }

    public string TopicArn { get; private set; } = string.Empty;

    public string AlertQueueUrl { get; private set; } = string.Empty;

    public string ScanQueueUrl { get; private set; } = string.Empty;

    public string StateKeyArn { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public List<string> Consumers { get; } = [];

    public List<string> Producers { get; } = [];

    public List<PathEntry> Paths { get; } = [];

    /// <summary>What the functions logged.</summary>
    public StringWriter Log { get; } = new();

    /// <summary>
    /// Builds the organization: <paramref name="accounts"/> member accounts (half consumers, half producers) and
    /// <paramref name="paths"/> paths spread over them.
    /// </summary>
    public static async Task<OrgScanWorld> CreateAsync(MotoServer moto, int accounts, int paths)
    {
        await moto.ResetAsync();
        var world = new OrgScanWorld(moto);
        await world.BuildAsync(accounts, paths);
        return world;
    }

    /// <summary>The configuration document of the paths (organization mode).</summary>
    public ConfigDocument Document(IEnumerable<PathEntry>? paths = null) =>
        new(ConfigDocument.CurrentVersion, new OrganizationSettings(OrganizationId, Central, MemberRole), PathDefaults.None, [.. paths ?? Paths]);

    /// <summary>The functions' environment.</summary>
    public Dictionary<string, string> Environment(bool queue = true) => new()
    {
        ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
        ["AWS_REGION"] = Region,
        ["GUARDRAIL_TOPIC_ARN"] = TopicArn,
        ["GUARDRAIL_STATE_TABLE"] = Table,
        ["GUARDRAIL_ACCOUNT_ID"] = Central,
        ["GUARDRAIL_STATE_KEY_ID"] = StateKeyArn,
        ["GUARDRAIL_CONFIG"] = "s3://guardrail-config/paths.json",
        ["GUARDRAIL_SCAN_PATHS"] = "true",
        ["GUARDRAIL_TIMEOUT_SECONDS"] = "900",
        [queue ? "GUARDRAIL_SCAN_QUEUE_URL" : "GUARDRAIL_UNUSED"] = ScanQueueUrl,
    };

    /// <summary>
    /// A function host as <see cref="FunctionHost.FromEnvironment"/> builds it, following <paramref name="document"/>
    /// (default: every path), whose path readers count into <paramref name="counter"/> when given.
    /// </summary>
    public FunctionHost Host(string service, AwsCallCounter? counter = null, ConfigDocument? document = null, bool queue = true, TextWriter? log = null)
    {
        var env = Environment(queue);
        var host = FunctionHost.FromEnvironment(service, name => env.GetValueOrDefault(name), log ?? Log);
        var endpoints = new AwsEndpoints(name => env.GetValueOrDefault(name));
        var config = host.Config with { Document = document ?? Document() };
        return new FunctionHost(config, host.Services with
        {
            PathReaders = memberRole =>
            {
                var factory = new AccountClientFactory(endpoints, Region, memberRole, counter ?? new AwsCallCounter());
                return new PathReaderSession(factory, factory, factory);
            },
        });
    }

    /// <summary>Receives up to ten scan messages as the event source mapping would deliver them, as an SQS event (null when the queue is empty).</summary>
    public async Task<(string Event, List<Message> Messages)?> ReceiveBatchAsync(int max = 10)
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = ScanQueueUrl, MaxNumberOfMessages = max, WaitTimeSeconds = 0, VisibilityTimeout = 600 });
        if (response.Messages is not { Count: > 0 } messages)
        {
            return null;
        }

        var records = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
        {
            ["messageId"] = m.MessageId,
            ["receiptHandle"] = m.ReceiptHandle,
            ["body"] = m.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["eventSource"] = "aws:sqs",
            ["awsRegion"] = Region,
        })]);
        return (new JsonObject { ["Records"] = records }.ToJsonString(), messages);
    }

    /// <summary>Deletes the messages the worker did not report failed, as the event source mapping does.</summary>
    public async Task DeleteSucceededAsync(List<Message> messages, JsonObject response)
    {
        var failed = response["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>()).ToHashSet();
        foreach (var message in messages.Where(m => !failed.Contains(m.MessageId)))
        {
            await Sqs.DeleteMessageAsync(ScanQueueUrl, message.ReceiptHandle);
        }
    }

    /// <summary>
    /// Every alert that reached the alert queue: the SNS envelope of each. Read through the JSON protocol directly:
    /// the SDK's MD5 check of a received body disagrees with moto's for some bodies (escaped text).
    /// </summary>
    public async Task<List<JsonObject>> AlertsAsync()
    {
        var alerts = new List<JsonObject>();
        while (true)
        {
            var response = await SqsJson.CallAsync("ReceiveMessage", new JsonObject { ["QueueUrl"] = AlertQueueUrl, ["MaxNumberOfMessages"] = 10, ["WaitTimeSeconds"] = 0 }, default);
            if (response["Messages"] is not JsonArray { Count: > 0 } messages)
            {
                return alerts;
            }

            foreach (var message in messages)
            {
                alerts.Add(JsonNode.Parse(message!["Body"]!.GetValue<string>())!.AsObject());
                await SqsJson.CallAsync("DeleteMessage", new JsonObject { ["QueueUrl"] = AlertQueueUrl, ["ReceiptHandle"] = message["ReceiptHandle"]!.GetValue<string>() }, default);
            }
        }
    }

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }

        Log.Dispose();
    }

    private static string Document(params JsonObject[] statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString();

    private async Task BuildAsync(int accounts, int paths)
    {
        var topic = await Sns.CallAsync("CreateTopic", [new("Name", "spectrum-guardrail-alerts")], default);
        TopicArn = AwsQueryClient.Child(topic, "TopicArn")!;
        AlertQueueUrl = (await Sqs.CreateQueueAsync("alerts")).QueueUrl;
        var alertQueueArn = (await Sqs.GetQueueAttributesAsync(AlertQueueUrl, ["QueueArn"])).QueueARN;
        await Sns.CallAsync("Subscribe", [new("TopicArn", TopicArn), new("Protocol", "sqs"), new("Endpoint", alertQueueArn)], default);
        ScanQueueUrl = (await Sqs.CreateQueueAsync("spectrum-guardrail-scan")).QueueUrl;
        await Dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        StateKeyArn = (await Kms.CreateKeyAsync(new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC })).KeyMetadata.Arn;

        // The organization: SCPs and RCPs on the root and on each OU (besides moto's FullAWSAccess ones).
        OrganizationId = (await Organizations.CallAsync("CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" }, default))["Organization"]!["Id"]!.GetValue<string>();
        var root = (await Organizations.CallAsync("ListRoots", [], default))["Roots"]![0]!["Id"]!.GetValue<string>();
        await Organizations.CallAsync("EnablePolicyType", new JsonObject { ["RootId"] = root, ["PolicyType"] = "SERVICE_CONTROL_POLICY" }, default);
        await Organizations.CallAsync("EnablePolicyType", new JsonObject { ["RootId"] = root, ["PolicyType"] = "RESOURCE_CONTROL_POLICY" }, default);
        await AttachOrgPoliciesAsync(root, "root");
        var consumerOu = await OuAsync(root, "consumers");
        var producerOu = await OuAsync(root, "producers");
        for (var i = 0; i < accounts; i++)
        {
            var created = await Organizations.CallAsync("CreateAccount", new JsonObject { ["AccountName"] = $"member-{i}", ["Email"] = $"member-{i}@example.com" }, default);
            var account = created["CreateAccountStatus"]!["AccountId"]!.GetValue<string>();
            var consumer = i % 2 == 0;
            await Organizations.CallAsync("MoveAccount", new JsonObject { ["AccountId"] = account, ["SourceParentId"] = root, ["DestinationParentId"] = consumer ? consumerOu : producerOu }, default);
            (consumer ? Consumers : Producers).Add(account);
        }

        for (var i = 0; i < paths; i++)
        {
            var consumer = Consumers[i % Consumers.Count];
            // Every consumer reads from several producers, and every producer's bucket is read by several consumers.
            var producer = Producers[(i + (i / Consumers.Count)) % Producers.Count];
            Paths.Add(new PathEntry($"p{i:000}", [$"arn:aws:iam::{consumer}:role/reader-{i:000}"], null, [new TableEntry(producer, Region, Bucket(producer), $"t{i:000}/")]));
        }

        foreach (var producer in Producers)
        {
            await BuildProducerAsync(producer);
        }

        foreach (var consumer in Consumers)
        {
            await BuildConsumerAsync(consumer);
        }
    }

    public static string Bucket(string account) => $"lake-{account}";

    private async Task<string> OuAsync(string root, string name)
    {
        var ou = (await Organizations.CallAsync("CreateOrganizationalUnit", new JsonObject { ["ParentId"] = root, ["Name"] = name }, default))["OrganizationalUnit"]!["Id"]!.GetValue<string>();
        await AttachOrgPoliciesAsync(ou, name);
        return ou;
    }

    private async Task AttachOrgPoliciesAsync(string target, string name)
    {
        var scp = Document(new JsonObject { ["Sid"] = "NoLeaving", ["Effect"] = "Deny", ["Action"] = "organizations:LeaveOrganization", ["Resource"] = "*" });
        var rcp = Document(new JsonObject { ["Sid"] = "TlsOnly", ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "s3:*", ["Resource"] = "*", ["Condition"] = new JsonObject { ["BoolIfExists"] = new JsonObject { ["aws:SecureTransport"] = "false" } } });
        foreach (var (type, content) in new[] { ("SERVICE_CONTROL_POLICY", scp), ("RESOURCE_CONTROL_POLICY", rcp) })
        {
            var policy = (await Organizations.CallAsync("CreatePolicy", new JsonObject { ["Name"] = $"{name}-{type}", ["Description"] = name, ["Type"] = type, ["Content"] = content }, default))["Policy"]!["PolicySummary"]!["Id"]!.GetValue<string>();
            await Organizations.CallAsync("AttachPolicy", new JsonObject { ["PolicyId"] = policy, ["TargetId"] = target }, default);
        }
    }

    private async Task BuildProducerAsync(string producer)
    {
        using var s3 = new AmazonS3Client(await MotoAccounts.CredentialsAsync(moto, producer), new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        var bucket = Bucket(producer);
        var bucketArn = $"arn:aws:s3:::{bucket}";
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] },
        });
        var readers = new JsonArray([.. Paths.Where(p => p.Tables[0].Account == producer).Select(p => (JsonNode)p.RoleChain[0])]);
        if (readers.Count > 0)
        {
            await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest
            {
                BucketName = bucket,
                Policy = Document(
                    new JsonObject { ["Sid"] = "SpectrumReads", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = readers }, ["Action"] = "s3:GetObject", ["Resource"] = $"{bucketArn}/*" },
                    new JsonObject { ["Sid"] = "SpectrumLists", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = readers.DeepClone() }, ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = bucketArn }),
            });
        }
    }

    private async Task BuildConsumerAsync(string consumer)
    {
        var credentials = await MotoAccounts.CredentialsAsync(moto, consumer);
        using var http = AwsHttp.CreateSignedClient("iam", Region, credentials);
        var iam = new AwsQueryClient(http, moto.Endpoint, "iam", "2010-05-08");
        var mine = Paths.Where(p => p.RoleChain[0].Contains($"::{consumer}:", StringComparison.Ordinal)).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        // One managed policy every reader of the account attaches: a document many paths share.
        var buckets = mine.Select(p => p.Tables[0].Bucket).Distinct().ToList();
        var read = Document(
            new JsonObject { ["Sid"] = "LakeRead", ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = new JsonArray([.. buckets.Select(b => (JsonNode)$"arn:aws:s3:::{b}/*")]) },
            new JsonObject { ["Sid"] = "LakeList", ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = new JsonArray([.. buckets.Select(b => (JsonNode)$"arn:aws:s3:::{b}")]) });
        await iam.CallAsync("CreatePolicy", [new("PolicyName", "spectrum-lake-read"), new("PolicyDocument", read)], default);
        var trust = Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "redshift.amazonaws.com" }, ["Action"] = "sts:AssumeRole" });
        foreach (var path in mine)
        {
            var name = path.RoleChain[0].Split('/')[^1];
            await iam.CallAsync("CreateRole", [new("RoleName", name), new("AssumeRolePolicyDocument", trust)], default);
            await iam.CallAsync("AttachRolePolicy", [new("RoleName", name), new("PolicyArn", $"arn:aws:iam::{consumer}:policy/spectrum-lake-read")], default);
        }
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
