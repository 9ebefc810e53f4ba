using Guardrail.Functions.Hooks;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for the CloudFormation Lambda hook (<c>Guardrail.Functions::Guardrail.Functions.HookFunction::Handle</c>):
/// judges a resource operation on Spectrum's protected paths before CloudFormation provisions it.
/// </summary>
public sealed class HookFunction
{
    private readonly FunctionHost host;
    private readonly HookChanges changes;

    /// <summary>The Lambda runtime's constructor: configuration is read and validated here, at cold start.</summary>
    public HookFunction()
        : this(FunctionHost.FromEnvironment(HookHandling.Function))
    {
    }

    public HookFunction(FunctionHost host, HookChanges? changes = null)
    {
        this.host = host;
        this.changes = changes ?? HookResources.Changes;
    }

    public Task<Stream> Handle(Stream input) => HookHandling.HandleAsync(host, input, changes);
}
