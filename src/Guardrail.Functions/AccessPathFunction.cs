using Guardrail.Functions.Paths;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for the calls that can cut Spectrum's whole access path — role policies, attachments and
/// boundaries, managed policy versions, KMS key policy and state, bucket encryption and ownership, the cluster's
/// roles, the Glue catalog policy, the organization's policies
/// (<c>Guardrail.Functions::Guardrail.Functions.AccessPathFunction::Handle</c>).
/// </summary>
public sealed class AccessPathFunction
{
    private readonly FunctionHost host;

    /// <summary>The Lambda runtime's constructor: configuration is read and validated here, at cold start.</summary>
    public AccessPathFunction()
        : this(FunctionHost.FromEnvironment(AccessPathHandling.Function))
    {
    }

    public AccessPathFunction(FunctionHost host)
    {
        this.host = host;
    }

    public Task<Stream> Handle(Stream input) => AccessPathHandling.HandleAsync(host, input);
}
