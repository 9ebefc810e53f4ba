using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Functions.Paths;
using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;
using Guardrail.Aws.Sns;
using Guardrail.Aws.Ssm;
using Guardrail.Aws.State;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>The configuration and AWS adapters one function instance uses, built once at cold start.</summary>
public sealed class FunctionHost
{
    public FunctionHost(GuardrailConfig config, GuardrailServices services)
    {
        Config = config;
        Services = services;
    }

    public GuardrailConfig Config { get; }

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
            PathReaders = () =>
            {
                var factory = new AccountClientFactory(endpoints, Region(environment), config.Document?.Organization?.MemberRoleName ?? config.Paths.AccountRoleName, new AwsCallCounter());
                return new PathReaderSession(factory, factory, factory);
            },
        };
        return new FunctionHost(config, services);
    }

    /// <summary>The Region the function runs in (Lambda sets AWS_REGION).</summary>
    internal static string Region(Func<string, string?> environment) =>
        environment("AWS_REGION") is { Length: > 0 } region ? region : environment("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback : "us-east-1";
}
