using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>How much of a plan the reader takes: a plan is untrusted input, each bound is checked before the work it bounds.</summary>
internal static class PlanLimits
{
    /// <summary>Largest plan read, in UTF-8 bytes (a plan of a few thousand resources is a few MiB).</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    /// <summary>Deepest JSON nesting (attribute values and configuration expressions nest, but not this deep).</summary>
    public const int MaxDepth = 256;

    /// <summary>Most <c>resource_changes</c> entries, and most changes made from them: what one overlay takes.</summary>
    public const int MaxResourceChanges = SnapshotOverlay.MaxChanges;

    /// <summary>Most elements read from one list value (policy names, role ARNs, LF permissions, expressions).</summary>
    public const int MaxListItems = 10_000;
}
