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
        new LakeFormationHop(),
        new VpcEndpointHop(),
    ];

    /// <summary>
    /// How many findings a hop reports by default; the rest are counted (<see cref="HopResult.FindingsOmitted"/>). A
    /// snapshot of 20,000 conditional denies has 20,000 findings on one hop: reported in full, about 30 MB of JSON.
    /// </summary>
    public const int DefaultFindingsPerHop = 100;

    /// <summary>The hops that judge the data requests: judged again for each Lake Formation registration role, for the tables it reads.</summary>
    private static readonly HashSet<HopKind> DataHops = new HashSet<HopKind> { HopKind.Identity, HopKind.Bucket, HopKind.Key, HopKind.Ownership };

    /// <summary>Judges every hop of <paramref name="snapshot"/>'s path from <paramref name="now"/> on.</summary>
    /// <param name="snapshot">The path's documents.</param>
    /// <param name="now">When it is judged.</param>
    /// <param name="budget">The work the whole path may take, reporting included (<see cref="DefaultBudgetUnits"/>).</param>
    /// <param name="findingsPerHop">How many findings each hop reports at most: only the report is cut, never the verdict.</param>
    /// <param name="knownGood">The path's last known-good snapshot, when there is one: a location registered there and no longer is said.</param>
    public static PathVerdict Evaluate(PathSnapshot snapshot, DateTimeOffset now, WorkBudget? budget = null, int findingsPerHop = DefaultFindingsPerHop, PathSnapshot? knownGood = null) =>
        Evaluate(snapshot, now, budget, findingsPerHop, knownGood, shareLocations: true);

    /// <summary>
    /// Judges the path, with <paramref name="shareLocations"/> false judging every table location on its own (the
    /// reference that judging one location per class must agree with exactly).
    /// </summary>
    internal static PathVerdict Evaluate(PathSnapshot snapshot, DateTimeOffset now, WorkBudget? budget, int findingsPerHop, PathSnapshot? knownGood, bool shareLocations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var work = budget ?? new WorkBudget(DefaultBudgetUnits);
        var reader = snapshot.Spectrum.ReadingRole;
        var routes = LakeFormationRoutes.Decide(snapshot, reader);
        // The cluster's role is charged first: under a small budget its own buckets are judged before the registration roles'.
        var views = new List<RegistrationView>();
        var path = new PathJudging(snapshot, now, work, findingsPerHop, [.. routes.Where(r => r is not TableRoute.ByLakeFormation).Select(r => r.Table)], shareLocations)
        {
            Routes = routes,
            KnownGoodRoutes = knownGood is null ? null : LakeFormationRoutes.Decide(knownGood, knownGood.Spectrum.ReadingRole),
            RegistrationViews = views,
        };
        views.AddRange(RegistrationViews(snapshot, routes, now, work, findingsPerHop, shareLocations));
        var hops = new List<HopResult>(Hops.Count);
        foreach (var hop in Hops)
        {
            var result = hop.Judge(path);
            if (DataHops.Contains(hop.Kind))
            {
                foreach (var view in views)
                {
                    var forRole = hop.Judge(view.Judging);
                    view.Record(forRole);
                    result = HopResults.Combine(result, forRole, $"read by Lake Formation's registration role {view.Role.Arn}", findingsPerHop);
                }
            }

            hops.Add(result);
        }

        var access = hops.Select(h => h.Status).Aggregate(AccessVerdict.Ok, (worst, status) => status switch
        {
            HopStatus.Breaks => AccessVerdict.Breaks,
            HopStatus.AtRisk when worst == AccessVerdict.Ok => AccessVerdict.AtRisk,
            _ => worst,
        });
        var security = hops.Any(h => h.WeakensSecurity) ? SecurityVerdict.Weakened : SecurityVerdict.Ok;
        var cells = path.CellsEvaluated + views.Sum(v => v.Judging.CellsEvaluated);
        var judged = views.Select(v => v.Judging).Prepend(path).SelectMany(j => j.Buckets).ToList();
        return new PathVerdict(access, security, hops, (int)Math.Min(cells, int.MaxValue))
        {
            Locations = new LocationCounts(judged.Sum(b => b.Prefixes.Count), judged.Sum(b => b.Locations)),
        };
    }

    /// <summary>
    /// For each registration role, the path as that role reads it: only the tables Lake Formation governs through
    /// it, with their catalog entries left out (the cluster's role reads those), sharing the path's budget.
    /// </summary>
    private static List<RegistrationView> RegistrationViews(PathSnapshot snapshot, IReadOnlyList<TableRoute> routes, DateTimeOffset now, WorkBudget budget, int findingsPerHop, bool shareLocations) =>
    [
        .. routes.OfType<TableRoute.ByLakeFormation>().GroupBy(r => r.Location.RoleArn, StringComparer.Ordinal).Select(group =>
        {
            var role = Evaluation.RoleArn.Parse(group.Key);
            var tables = group.Select(r => r.Table with { CatalogAccount = null, Database = null, Table = null }).ToList();
            var view = snapshot with { Spectrum = snapshot.Spectrum with { RoleChain = [role], Tables = tables } };
            return new RegistrationView(role, new PathJudging(view, now, budget, findingsPerHop, shareLocations: shareLocations));
        }),
    ];
}
