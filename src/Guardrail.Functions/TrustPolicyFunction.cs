namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for IAM <c>UpdateAssumeRolePolicy</c> events, which reach EventBridge in us-east-1
/// (<c>Guardrail.Functions::Guardrail.Functions.TrustPolicyFunction::Handle</c>).
/// </summary>
public sealed class TrustPolicyFunction
{
    private readonly FunctionHost host;

    /// <summary>The Lambda runtime's constructor: configuration is read and validated here, at cold start.</summary>
    public TrustPolicyFunction()
        : this(FunctionHost.FromEnvironment("trust-policy"))
    {
    }

    public TrustPolicyFunction(FunctionHost host)
    {
        this.host = host;
    }

    public Task<Stream> Handle(Stream input) =>
        PolicyChangeHandling.HandleAsync(host, "trust-policy", input);
}
