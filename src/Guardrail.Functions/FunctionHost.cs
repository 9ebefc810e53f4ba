using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Functions.Paths;
using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;
using Guardrail.Aws.Sns;
using Guardrail.Aws.Ssm;
using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>The configuration and AWS adapters one function instance uses, built once at cold start.</summary>
public sealed class FunctionHost
{
    private readonly GuardrailConfig environmentConfig;
    private readonly ConfigDocumentCache? documents;

    /// <param name="config">The configuration the environment gives.</param>
    /// <param name="services">The AWS adapters.</param>
    /// <param name="documents">The configuration document <c>GUARDRAIL_CONFIG</c> names, read at the first invocation and after its TTL; null without one.</param>
    public FunctionHost(GuardrailConfig config, GuardrailServices services, ConfigDocumentCache? documents = null)
    {
        environmentConfig = config;
        Config = config;
        Services = services;
        this.documents = documents;
    }

    /// <summary>The configuration the current invocation follows (with the document <see cref="RefreshConfigAsync"/> last gave).</summary>
    public GuardrailConfig Config { get; private set; }

    /// <summary>
    /// Brings <see cref="Config"/> up to date with the configuration document, at the start of every invocation. A bad
    /// version newly read (invalid, unreadable, or not this deployment's organization) is alerted once, critical; a warm
    /// function then keeps its last good document, and without one (a cold start) nothing is judged: after the alert the
    /// invocation fails, so EventBridge's retries and the dead-letter queue keep the event.
    /// </summary>
    /// <exception cref="GuardrailConfigException">No good document has been read.</exception>
    public async Task RefreshConfigAsync(InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (documents is null)
        {
            return;
        }

        var snapshot = await documents.GetAsync(deadline.Work).ConfigureAwait(false);
        if (snapshot.NewProblem is { } problem)
        {
            Services.Log.Error("the configuration document cannot be followed", ("location", problem.Location), ("version", problem.Version), ("keptLastGood", problem.KeptLastGood), ("problems", string.Join("; ", problem.Problems)));
            try
            {
                await Services.Sns.PublishAsync(ConfigInvalidAlert.Compose(environmentConfig.TopicArn!, problem.Location, problem.Version, problem.Problems, problem.KeptLastGood), deadline.CleanUp).ConfigureAwait(false);
            }
            catch
            {
                // Not alerted: the version is reported again at the next invocation (this one fails, so it is retried).
                await documents.UnreportAsync(problem.Version).ConfigureAwait(false);
                throw;
            }
        }

        Config = snapshot.Document is { } document
            ? environmentConfig with { Document = document }
            : throw new GuardrailConfigException($"the configuration document {environmentConfig.DocumentLocation} has never been valid in this instance: nothing is judged until it is (alerted)");
    }

    public GuardrailServices Services { get; }

    /// <summary>Starts an invocation's clock: its deadline is <see cref="InvocationTimeout"/> from now.</summary>
    public InvocationDeadline StartDeadline() => new(InvocationTimeout(), Services.Time);

    /// <summary>
    /// How long the invocation starting now may take: GUARDRAIL_TIMEOUT_SECONDS, or less when the custom runtime's
    /// loop has Lambda's own deadline for it (<see cref="Runtime.RuntimeDeadline"/>) and that comes earlier.
    /// </summary>
    public TimeSpan InvocationTimeout() => Runtime.RuntimeDeadline.Bound(TimeSpan.FromSeconds(Config.TimeoutSeconds), Services.Time);

    /// <summary>Reads the environment (configuration and <c>AWS_ENDPOINT_URL*</c>) and builds the real adapters.</summary>
    /// <exception cref="GuardrailConfigException">The configuration is invalid; every problem is listed.</exception>
    public static FunctionHost FromEnvironment(string service, Func<string, string?>? environment = null, TextWriter? logOutput = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var config = GuardrailConfig.Load(environment, requireAws: true);
        var endpoints = new AwsEndpoints(environment);
        var time = TimeProvider.System;
        var sealer = KmsStateSealer.Create(endpoints, config.StateKeyId!);
        var services = new GuardrailServices(
            S3BucketPolicies.Create(endpoints),
            QueryIamRoles.Create(endpoints),
            QuerySnsPublisher.Create(endpoints),
            GuardrailState.Of(DynamoDbGuardrailState.Create(endpoints, config.StateTable!, sealer, time)),
            time,
            new JsonLog(service, logOutput ?? Console.Out, time))
        {
            Region = Region(environment),
            ScanQueue = config.ScanQueueUrl is { } queue ? Guardrail.Aws.Sqs.SdkScanQueue.Create(endpoints, queue) : null,
            ScanTally = DynamoDbScanTally.Create(endpoints, config.StateTable!, sealer, time),
            BreakGlass = config.BreakGlassParameter is { } parameter ? JsonBreakGlassParameter.Create(endpoints, parameter) : null,
            PathReaders = memberRole =>
            {
                var factory = new AccountClientFactory(endpoints, Region(environment), memberRole, new AwsCallCounter());
                return new PathReaderSession(factory, factory, factory);
            },
        };
        var documents = config.DocumentLocation is { } location
            ? new ConfigDocumentCache(ConfigDocumentSource.Create(location, endpoints), time, ConfigDocumentCache.TtlFrom(environment), DeploymentOrganization.From(environment).Problems)
            : null;
        return new FunctionHost(config, services, documents);
    }

    /// <summary>The Region the function runs in (Lambda sets AWS_REGION).</summary>
    internal static string Region(Func<string, string?> environment) =>
        environment("AWS_REGION") is { Length: > 0 } region ? region : environment("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback : "us-east-1";
}
