using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Hops;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths;

/// <summary>
/// Judges Spectrum's whole access path from a snapshot, hop by hop (<see cref="HopKind"/> order). The path's verdict
/// is its worst checked hop; unchecked hops are listed, never counted or guessed. One work budget bounds the whole
/// path: what does not fit is at risk with <c>evaluation-budget</c>. A function of its inputs, with its reasons.
/// </summary>
public static class PathEvaluator
{
    /// <summary>The work a whole path may take by default: a path has many documents and requests.</summary>
    public const long DefaultBudgetUnits = 4 * WorkBudget.DefaultUnits;

    private static readonly IReadOnlyList<IHop> Hops =
    [
        new TrustHop(),
        new AssociationHop(),
        new IdentityHop(),
        new BucketHop(),
        new KeyHop(),
        new CatalogHop(),
        new OwnershipHop(),
        new NotJudgedHop(HopKind.LakeFormation, "Lake Formation permissions (the guardrail does not read them yet; a table registered with Lake Formation also needs SELECT and DESCRIBE grants and lakeformation:GetDataAccess)"),
        new VpcEndpointHop(),
    ];

    /// <summary>
    /// How many findings a hop reports by default; the rest are counted (<see cref="HopResult.FindingsOmitted"/>). A
    /// snapshot of 20,000 conditional denies has 20,000 findings on one hop: reported in full, about 30 MB of JSON.
    /// </summary>
    public const int DefaultFindingsPerHop = 100;

    /// <summary>Judges every hop of <paramref name="snapshot"/>'s path from <paramref name="now"/> on.</summary>
    /// <param name="snapshot">The path's documents.</param>
    /// <param name="now">When it is judged.</param>
    /// <param name="budget">The work the whole path may take, reporting included (<see cref="DefaultBudgetUnits"/>).</param>
    /// <param name="findingsPerHop">How many findings each hop reports at most: only the report is cut, never the verdict.</param>
    public static PathVerdict Evaluate(PathSnapshot snapshot, DateTimeOffset now, WorkBudget? budget = null, int findingsPerHop = DefaultFindingsPerHop)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = new PathJudging(snapshot, now, budget ?? new WorkBudget(DefaultBudgetUnits), findingsPerHop);
        var hops = Hops.Select(h => h.Judge(path)).ToList();
        var access = hops.Select(h => h.Status).Aggregate(AccessVerdict.Ok, (worst, status) => status switch
        {
            HopStatus.Breaks => AccessVerdict.Breaks,
            HopStatus.AtRisk when worst == AccessVerdict.Ok => AccessVerdict.AtRisk,
            _ => worst,
        });
        var security = hops.Any(h => h.WeakensSecurity) ? SecurityVerdict.Weakened : SecurityVerdict.Ok;
        return new PathVerdict(access, security, hops, (int)Math.Min(path.CellsEvaluated, int.MaxValue));
    }
}
