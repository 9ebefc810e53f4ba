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

    public Task<Stream> Handle(Stream input) =>
        PolicyChangeHandling.HandleAsync(host, "bucket-policy", input);
}
