using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for IAM <c>UpdateAssumeRolePolicy</c> events, which reach EventBridge in us-east-1
/// (<c>Guardrail.Functions::Guardrail.Functions.TrustPolicyFunction::Handle</c>).
/// </summary>
public sealed class TrustPolicyFunction
{
    private readonly FunctionHost host;

    public TrustPolicyFunction()
        : this(FunctionHost.FromEnvironment("trust-policy"))
    {
    }

    public TrustPolicyFunction(FunctionHost host)
    {
        this.host = host;
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input);
        var change = EventParser.Parse(await reader.ReadToEndAsync().ConfigureAwait(false));
        if (ResourceResolver.WrongFunction("trust-policy", change) is { } wrong)
        {
            host.Services.Log.Info("ignored", ("reason", wrong));
            return ResultJson.ToStream(new InvocationResult(Outcome.Ignored, change.EventId, wrong));
        }

        var resource = ResourceResolver.Trust(change, host.Config, host.Services.Iam, host.Services.Time);
        var result = await new PolicyChangeProcessor(host.Config, host.Services).ProcessAsync(change, resource, CancellationToken.None).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
