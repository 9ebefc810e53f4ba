using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for S3 <c>PutBucketPolicy</c> and <c>DeleteBucketPolicy</c> events
/// (<c>Guardrail.Functions::Guardrail.Functions.BucketPolicyFunction::Handle</c>).
/// </summary>
public sealed class BucketPolicyFunction
{
    private readonly FunctionHost host;

    /// <summary>The Lambda runtime's constructor: configuration is read and validated here, at cold start.</summary>
    public BucketPolicyFunction()
        : this(FunctionHost.FromEnvironment("bucket-policy"))
    {
    }

    public BucketPolicyFunction(FunctionHost host)
    {
        this.host = host;
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input);
        var change = EventParser.Parse(await reader.ReadToEndAsync().ConfigureAwait(false));
        if (ResourceResolver.WrongFunction("bucket-policy", change) is { } wrong)
        {
            host.Services.Log.Info("ignored", ("reason", wrong));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, wrong));
        }

        var resource = ResourceResolver.Bucket(change, host.Config, host.Services.Buckets, host.Services.Time);
        var result = await new PolicyChangeProcessor(host.Config, host.Services).ProcessAsync(change, resource, CancellationToken.None).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
