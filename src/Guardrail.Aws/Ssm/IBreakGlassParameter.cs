namespace Guardrail.Aws.Ssm;

/// <summary>
/// The break-glass marker: one SSM String parameter that only the break-glass roles may set (an SCP keeps everyone
/// else from it), read live each time a rollback is considered. What it says is decided elsewhere.
/// </summary>
public interface IBreakGlassParameter
{
    /// <summary>The parameter's value and when AWS says it was last changed; null when it does not exist.</summary>
    Task<BreakGlassParameterValue?> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A parameter's value and its <c>LastModifiedDate</c> (set by SSM, not by whoever wrote the value).</summary>
public sealed record BreakGlassParameterValue(string Value, DateTimeOffset LastModified);
