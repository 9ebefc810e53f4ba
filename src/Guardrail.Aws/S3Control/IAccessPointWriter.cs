namespace Guardrail.Aws.S3Control;

/// <summary>
/// The S3 Control write that puts an access point's policy back: <c>PutAccessPointPolicy</c> (it replaces the whole
/// policy). Counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IAccessPointWriter
{
    /// <summary><c>PutAccessPointPolicy</c>: replaces the policy of the access point <paramref name="name"/> (in the writer's account).</summary>
    Task PutAccessPointPolicyAsync(string name, string policy, CancellationToken cancellationToken);
}
