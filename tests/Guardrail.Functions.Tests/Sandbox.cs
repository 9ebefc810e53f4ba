using Guardrail.Testing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;
using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// One emulated account in moto with what the guardrail watches and uses: the data-lake bucket, the Spectrum role,
/// the alert topic with an SQS subscription to read alerts back, and the state table.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public const string Bucket = "amzn-s3-demo-bucket";
    public const string RoleArn = "arn:aws:iam::123456789012:role/redshift";
    public const string Table = "spectrum-guardrail-state";
    public const string Account = "123456789012";
    public const string BreakGlassParameter = "/spectrum-guardrail/break-glass";

    private readonly MotoServer moto;

    private Sandbox(MotoServer moto)
    {
        this.moto = moto;
        var s3Config = new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true };
        S3 = new AmazonS3Client(s3Config);
        Sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString() });
        Dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString() });
        IamQuery = new AwsQueryClient(AwsHttp.CreateSignedClient("iam", "us-east-1"), moto.Endpoint, "iam", "2010-05-08");
        SnsQuery = new AwsQueryClient(AwsHttp.CreateSignedClient("sns", "us-east-1"), moto.Endpoint, "sns", "2010-03-31");
        StateKms = new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint.ToString() });
        Ssm = new AwsJsonClient(AwsHttp.CreateSignedClient("ssm", "us-east-1"), moto.Endpoint, "ssm", "AmazonSSM");
        Log = new StringWriter();
    }

    public AmazonS3Client S3 { get; }

    public AmazonSQSClient Sqs { get; }

    public AmazonDynamoDBClient Dynamo { get; }

    public AwsQueryClient IamQuery { get; }

    public AwsQueryClient SnsQuery { get; }

    /// <summary>KMS, for the state table's MAC key (the template's StateMacKey).</summary>
    public AmazonKeyManagementServiceClient StateKms { get; }

    /// <summary>SSM, for the break-glass parameter.</summary>
    public AwsJsonClient Ssm { get; }

    /// <summary>The HMAC key every state item is MAC'd with.</summary>
    public string StateKeyArn { get; private set; } = string.Empty;

    public string TopicArn { get; private set; } = string.Empty;

    public string QueueUrl { get; private set; } = string.Empty;

    /// <summary>What the functions logged.</summary>
    public StringWriter Log { get; }

    public static async Task<Sandbox> CreateAsync(MotoServer moto)
    {
        await moto.ResetAsync();
        var sandbox = new Sandbox(moto);
        await sandbox.S3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        await sandbox.IamQuery.CallAsync("CreateRole", [new("RoleName", "redshift"), new("AssumeRolePolicyDocument", Policy("trust-update-benign"))], CancellationToken.None);
        var topic = await sandbox.SnsQuery.CallAsync("CreateTopic", [new("Name", "spectrum-guardrail-alerts")], CancellationToken.None);
        sandbox.TopicArn = AwsQueryClient.Child(topic, "TopicArn")!;
        sandbox.QueueUrl = (await sandbox.Sqs.CreateQueueAsync("alerts")).QueueUrl;
        var queueArn = (await sandbox.Sqs.GetQueueAttributesAsync(sandbox.QueueUrl, ["QueueArn"])).QueueARN;
        await sandbox.SnsQuery.CallAsync("Subscribe", [new("TopicArn", sandbox.TopicArn), new("Protocol", "sqs"), new("Endpoint", queueArn)], CancellationToken.None);
        await sandbox.Dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        var macKey = await sandbox.StateKms.CreateKeyAsync(new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC, Description = "spectrum-guardrail state MACs" });
        sandbox.StateKeyArn = macKey.KeyMetadata.Arn;
        await sandbox.Dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest { TableName = Table, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expiresAt", Enabled = true } });
        return sandbox;
    }

    /// <summary>The functions' environment: configuration plus the moto endpoint.</summary>
    public Dictionary<string, string> Environment(params (string Key, string Value)[] overrides)
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
            ["AWS_REGION"] = "us-east-1",
            ["GUARDRAIL_TOPIC_ARN"] = TopicArn,
            ["GUARDRAIL_STATE_TABLE"] = Table,
            ["GUARDRAIL_SPECTRUM_ROLES"] = RoleArn,
            ["GUARDRAIL_PROTECTED_BUCKETS"] = Bucket,
            ["GUARDRAIL_ACCOUNT_ID"] = Account,
            ["GUARDRAIL_STATE_KEY_ID"] = StateKeyArn,
            ["GUARDRAIL_BREAK_GLASS_PARAMETER"] = BreakGlassParameter,

            // These tests are about the policy functions; the access-path tests turn path scanning back on.
            ["GUARDRAIL_SCAN_PATHS"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            env[key] = value;
        }

        return env;
    }

    public FunctionHost Host(params (string Key, string Value)[] overrides)
    {
        var env = Environment(overrides);
        return FunctionHost.FromEnvironment("test", name => env.GetValueOrDefault(name), Log);
    }

    /// <summary>A host whose SNS client goes through <paramref name="snsNetwork"/> (to inject faults), whose S3 adapter may be wrapped and whose clock may be another.</summary>
    public FunctionHost Host(HttpMessageHandler snsNetwork, Func<IBucketPolicies, IBucketPolicies>? wrapS3 = null, TimeProvider? time = null, params (string Key, string Value)[] overrides)
    {
        var env = Environment(overrides);
        var config = Configuration.GuardrailConfig.Load(name => env.GetValueOrDefault(name), requireAws: true);
        var endpoints = new AwsEndpoints(name => env.GetValueOrDefault(name));
        var sns = new QuerySnsPublisher(new AwsQueryClient(AwsHttp.CreateSignedClient("sns", "us-east-1", network: snsNetwork, maxRetries: 2), endpoints.Sns, "sns", "2010-03-31"));
        var s3 = S3BucketPolicies.Create(endpoints);
        var services = new GuardrailServices(wrapS3 is null ? s3 : wrapS3(s3), QueryIamRoles.Create(endpoints), sns, GuardrailState.Of(DynamoDbGuardrailState.Create(endpoints, Table, KmsStateSealer.Create(endpoints, StateKeyArn), time)), time ?? TimeProvider.System, new JsonLog("test", Log, TimeProvider.System))
        {
            BreakGlass = Guardrail.Aws.Ssm.JsonBreakGlassParameter.Create(endpoints, BreakGlassParameter),
        };
        return new FunctionHost(config, services);
    }

    /// <summary>The text of an events/ file, optionally changed (a new event id, another actor).</summary>
    public static string Event(string name, Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "events", name + ".json")))!.AsObject();
        change?.Invoke(node);
        return node.ToJsonString();
    }

    /// <summary>The policy carried by an events/ file, as text.</summary>
    public static string Policy(string eventName)
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "events", eventName + ".json")))!["detail"]!["requestParameters"]!;
        return parameters["bucketPolicy"]?.ToJsonString() ?? parameters["policyDocument"]!.GetValue<string>();
    }

    public static async Task<JsonObject> InvokeAsync(Func<Stream, Task<Stream>> handler, string eventJson)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));
        using var output = await handler(input);
        Assert.Equal(0, output.Position);
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>Sets the break-glass parameter, as a break-glass role would (<c>off</c> or an expiry time).</summary>
    public Task SetBreakGlassAsync(string value) =>
        Ssm.CallAsync("PutParameter", new JsonObject { ["Name"] = BreakGlassParameter, ["Value"] = value, ["Type"] = "String", ["Overwrite"] = true }, CancellationToken.None);

    /// <summary>The claim (and outbox) key the policy functions give <paramref name="eventJson"/>.</summary>
    public string ClaimKey(string eventJson)
    {
        var change = Events.EventParser.Parse(eventJson);
        var config = Configuration.GuardrailConfig.Load(name => Environment().GetValueOrDefault(name), requireAws: true);
        return PolicyChangeProcessor.ClaimKey(ResourceResolver.Resolve(change, config, TimeProvider.System)!, change);
    }

    /// <summary>A time as the break-glass parameter holds it: <c>2026-12-07T18:00:00Z</c>.</summary>
    public static string UtcText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The state table as a user with table access (and no use of the MAC key) sees and writes it.</summary>
    public StateTableTamperer Tamperer => new(Dynamo, Table);

    public Task PutPolicyAsync(string policy) => S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = Bucket, Policy = policy });

    public Task<string?> LivePolicyAsync() => new S3BucketPolicies(S3).GetAsync(Bucket, CancellationToken.None);

    /// <summary>Every alert that reached the SQS subscription: the SNS envelope of each.</summary>
    public async Task<List<JsonObject>> AlertsAsync()
    {
        var alerts = new List<JsonObject>();
        while (true)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (response.Messages is not { Count: > 0 })
            {
                return alerts;
            }

            foreach (var message in response.Messages)
            {
                alerts.Add(JsonNode.Parse(message.Body)!.AsObject());
                await Sqs.DeleteMessageAsync(QueueUrl, message.ReceiptHandle);
            }
        }
    }

    public static bool SamePolicy(string? a, string? b) =>
        a is null || b is null ? a == b : JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    public void Dispose()
    {
        S3.Dispose();
        Sqs.Dispose();
        Dynamo.Dispose();
        StateKms.Dispose();
        Log.Dispose();
    }
}

internal static class Paths
{
    public static string Root => RepoRoot.Path;
}
