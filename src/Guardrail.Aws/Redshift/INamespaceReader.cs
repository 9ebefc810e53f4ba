namespace Guardrail.Aws.Redshift;

/// <summary>Redshift Serverless's side of the path. Failures throw <see cref="Calls.AwsCallException"/>.</summary>
public interface INamespaceReader
{
    /// <summary><c>redshift-serverless:GetNamespace</c>: the role ARNs attached to the namespace (a role being removed is no longer counted).</summary>
    Task<IReadOnlyList<string>> GetAttachedRolesAsync(string namespaceName, CancellationToken cancellationToken);
}
