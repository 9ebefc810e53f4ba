namespace Guardrail.Aws.Glue;

/// <summary>The Glue Data Catalog's resource policy. Failures throw <see cref="Calls.AwsCallException"/>.</summary>
public interface ICatalogPolicyReader
{
    /// <summary><c>glue:GetResourcePolicy</c> of the calling account's catalog: the policy text, or null when it has none.</summary>
    Task<string?> GetCatalogPolicyAsync(CancellationToken cancellationToken);
}
