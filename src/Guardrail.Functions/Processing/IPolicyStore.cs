namespace Guardrail.Functions.Processing;

/// <summary>Where a protected resource's live policy is read from and written back to.</summary>
public interface IPolicyStore
{
    /// <summary>The live policy text; null when a bucket has none.</summary>
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Writes a policy back (null deletes a bucket policy).</summary>
    Task WriteAsync(string? policyText, CancellationToken cancellationToken);
}
