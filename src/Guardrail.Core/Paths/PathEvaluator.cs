using Guardrail.Core.Families;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths;

/// <summary>Judges Spectrum's whole access path from a snapshot, hop by hop.</summary>
public static class PathEvaluator
{
    /// <summary>Judges every hop of <paramref name="snapshot"/>'s path from <paramref name="now"/> on.</summary>
    public static PathVerdict Evaluate(PathSnapshot snapshot, DateTimeOffset now, WorkBudget? budget = null) => throw new NotImplementedException("the lead implements this");
}
