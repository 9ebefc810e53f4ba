namespace Guardrail.Core.Paths.Overlay;

/// <summary>A proposed policy document, as JSON text (parsed by the overlay with the kind its place needs), and where its statements are.</summary>
/// <param name="Json">The policy JSON.</param>
/// <param name="StatementLines">The 1-based line in the input of each element of <c>Statement</c>, in order (empty when unknown; a single statement object is element 0).</param>
public sealed record PolicyText(string Json, IReadOnlyList<int> StatementLines)
{
    /// <summary>A policy without line information.</summary>
    public static PolicyText Of(string json) => new(json, []);
}
