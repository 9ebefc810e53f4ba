using System.Runtime.CompilerServices;
using System.Text;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths.Locations;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// What every hop shares while one path is judged: the snapshot, the clock, one work budget for the whole path,
/// the reading role, the request shapes of each bucket, table and key, and the role's own policies as one set.
/// Shapes are built once; when the cluster is not given both kinds are judged (the worse counts), never guessed.
/// </summary>
internal sealed class PathJudging
{
    private readonly Dictionary<string, IReadOnlyList<RequestShape>> s3Shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyRoute?> keyRoutes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketReads> bucketsByName;
    private readonly Dictionary<(PolicySet Set, RequestShape Shape, RequestPrincipal Caller), SetJudgement> decided = new(new DecisionKeyComparer());
    private IReadOnlyList<(TableLocation Table, IReadOnlyList<RequestShape> Shapes)>? catalogReads;
    private IReadOnlyList<RequestShape>? lakeFormationShapes;
    private LocationPatterns? patterns;

    /// <summary>What building one bucket's requests costs, in budget units.</summary>
    public const long BucketUnits = 10_000;

    /// <summary>What building one table location's requests costs, in budget units.</summary>
    public const long TableUnits = 1_000;


    /// <param name="snapshot">The path's documents.</param>
    /// <param name="now">When it is judged.</param>
    /// <param name="budget">The work the path may take (shared by every judging of one path).</param>
    /// <param name="findingsPerHop">How many findings each hop reports at most.</param>
    /// <param name="dataTables">The tables whose objects the reader reads with its own credentials (all when null); the others are read with credentials Lake Formation vends, yet their catalog entries are still read by the reader.</param>
    /// <param name="shareLocations">Whether table locations no pattern tells apart are judged once per class (false: each on its own).</param>
    public PathJudging(PathSnapshot snapshot, DateTimeOffset now, WorkBudget budget, int findingsPerHop = PathEvaluator.DefaultFindingsPerHop, IReadOnlyList<TableLocation>? dataTables = null, bool shareLocations = true)
    {
        Snapshot = snapshot;
        Now = now;
        Budget = budget;
        FindingsPerHop = findingsPerHop;
        Reader = snapshot.Spectrum.ReadingRole;
        Session = new RoleSessionPrincipal(Reader);
        ReaderFacts = snapshot.Roles.GetValueOrDefault(Reader.Arn);
        Kinds = snapshot.Spectrum.Cluster is { } cluster ? [cluster.Kind] : [ClusterKind.Provisioned, ClusterKind.Serverless];
        Identity = ReaderFacts is { InlinePolicies: { } inline, ManagedPolicies: { } managed }
            ? PolicySet.Of($"the policies of {Reader.Arn}", [.. inline.Select(p => p with { Name = $"inline policy {p.Name}" }), .. managed])
            : null;
        var buckets = new List<BucketReads>();
        var skipped = new List<BucketReads>();
        patterns = shareLocations ? null : LocationPatterns.None;
        foreach (var group in (dataTables ?? snapshot.Spectrum.Tables).GroupBy(t => t.Bucket, StringComparer.Ordinal))
        {
            var prefixes = group.Select(t => t.Prefix).Distinct(StringComparer.Ordinal).ToList();

            // Telling the locations apart is linear in them (and pays for itself); judging is then linear in their
            // classes. Building a bucket's requests is work the evaluators do not count: paid for up front, so a
            // hostile snapshot ends in evaluation-budget findings, never in a long run.
            var classes = (prefixes.Count > 1 ? Patterns.ClassifyPrefixes(Reader.Partition, group.Key, prefixes, budget) : null) ?? LocationPatterns.Apart(prefixes);
            var bucket = BucketReads.OfClasses(group.Key, classes, snapshot.Buckets.GetValueOrDefault(group.Key));
            (budget.TrySpendLinear(BucketUnits + (TableUnits * classes.Count)) ? buckets : skipped).Add(bucket);
        }

        Buckets = buckets;
        SkippedBuckets = skipped;
        bucketsByName = buckets.ToDictionary(b => b.Name, StringComparer.Ordinal);
        ExtraObjectChars = NonAsciiChars(snapshot);
    }

    public PathSnapshot Snapshot { get; }

    /// <summary>Each table's route (its own credentials or Lake Formation's), as the path's evaluation decided it.</summary>
    public IReadOnlyList<TableRoute> Routes { get; init; } = [];

    /// <summary>The routes of the last known-good snapshot, when the caller gave one (a deregistered location is said).</summary>
    public IReadOnlyList<TableRoute>? KnownGoodRoutes { get; init; }

    /// <summary>The registration roles' judgings of the data hops, filled in as the path's hops are judged.</summary>
    public IReadOnlyList<RegistrationView> RegistrationViews { get; init; } = [];

    public DateTimeOffset Now { get; }

    public WorkBudget Budget { get; }

    /// <summary>How many findings each hop reports at most (<see cref="HopBuilder.Build(WorkBudget, int)"/>).</summary>
    public int FindingsPerHop { get; }

    /// <summary>The last role of the chain, whose sessions make the data requests.</summary>
    public RoleArn Reader { get; }

    public RoleSessionPrincipal Session { get; }

    public RoleFacts? ReaderFacts { get; }

    public IReadOnlyList<ClusterKind> Kinds { get; }

    /// <summary>The reader's inline and managed policies as one set; null when the snapshot does not give both.</summary>
    public PolicySet? Identity { get; }

    /// <summary>The buckets the tables are in, with their table locations (those the budget covers).</summary>
    public IReadOnlyList<BucketReads> Buckets { get; }

    /// <summary>The buckets left unjudged because the work budget ran out: at risk, never guessed.</summary>
    public IReadOnlyList<BucketReads> SkippedBuckets { get; }

    /// <summary>What can tell the path's table locations apart (gathered from the documents on first use).</summary>
    public LocationPatterns Patterns => patterns ??= LocationPatterns.Of(Snapshot);

    /// <summary>The non-ASCII characters the snapshot's policies use (object keys may hold any of them).</summary>
    public string ExtraObjectChars { get; }

    /// <summary>The reader's organization id when the snapshot shows its account is in the organization.</summary>
    public string? ReaderOrgId => Snapshot.Organization is { Id: { } id } org
        && (org.ManagementAccount == Reader.AccountId
            || (org.ServiceControlPolicies?.ContainsKey(Reader.AccountId) ?? false)
            || (org.ResourceControlPolicies?.ContainsKey(Reader.AccountId) ?? false))
        ? id
        : null;

    /// <summary>Whether the role is a service-linked role (SCPs do not apply to them).</summary>
    public bool ReaderIsServiceLinked => Reader.Arn.Contains(":role/aws-service-role/", StringComparison.Ordinal);

    /// <summary>How many (statement part, cell) decisions the path took so far.</summary>
    public long CellsEvaluated { get; private set; }

    /// <summary>
    /// Decides a set for the reader's session (or another caller) over one shape, counting the work. Several hops ask
    /// the same question (the role's policies on S3's <c>kms:Decrypt</c>: the key route and the identity hop's denies),
    /// so each is decided once per path.
    /// </summary>
    public SetJudgement Decide(PolicySet set, RequestShape shape, RequestPrincipal? caller = null)
    {
        var key = (set, shape, caller ?? Session);
        if (!decided.TryGetValue(key, out var judgement))
        {
            decided[key] = judgement = SetJudgement.Decide(set, key.Item3, shape, Budget);
            CellsEvaluated += judgement.Result.CellsEvaluated;
        }

        return judgement;
    }

    /// <summary>
    /// What may grant the reader a request on a resource of <paramref name="account"/>: the role's policies alone
    /// across accounts (the resource's policy must then grant as well, on its own); in the same account, together
    /// with the allows of the resource's policy that name the role, as one set, so they may complete each other.
    /// </summary>
    public PolicySet GrantSet(PolicySet identity, string? account, Given<PolicyDocument>? resourcePolicy, string policyName) =>
        account == Reader.AccountId && resourcePolicy?.Value is { } document
            ? identity.With(PolicySet.Of(new NamedPolicy(policyName, document), s => s.Effect == Effect.Allow && PrincipalScope.NamesRole(s, Reader)), identity.Name)
            : identity;

    /// <summary>Counts the work of a verdict judged by a single-document evaluator.</summary>
    public Findings.PendingVerdict Counted(Findings.PendingVerdict verdict)
    {
        CellsEvaluated += verdict.RequestsEvaluated;
        return verdict;
    }

    /// <summary>The bucket-check options for a bucket of the path and one cluster kind.</summary>
    public BucketCheckOptions Options(BucketReads bucket, ClusterKind kind) => new(
        bucket.Name,
        Snapshot.Spectrum.RoleChain,
        bucket.Account,
        kind,
        Snapshot.Spectrum.Cluster?.VpcEndpoints ?? [],
        bucket.Prefixes,
        ReaderOrgId,
        Now)
    {
        Region = Snapshot.Spectrum.Region,
        LocationNotes = bucket.Notes,
    };

    /// <summary>Spectrum's S3 requests on the bucket, for every possible cluster kind.</summary>
    public IReadOnlyList<RequestShape> S3Shapes(BucketReads bucket)
    {
        if (!s3Shapes.TryGetValue(bucket.Name, out var shapes))
        {
            s3Shapes[bucket.Name] = shapes = [.. Kinds.SelectMany(k => PathShapes.ForBucket(Options(bucket, k)))];
        }

        return shapes;
    }

    /// <summary>
    /// The Glue reads of every table that names its catalog entry (Region given), for every cluster kind. Built once:
    /// the hops find a shape's other facts (its resource policy) by the shape itself.
    /// </summary>
    public IReadOnlyList<(TableLocation Table, IReadOnlyList<RequestShape> Shapes)> CatalogReads() => catalogReads ??= [.. BuildCatalogReads()];

    private IEnumerable<(TableLocation Table, IReadOnlyList<RequestShape> Shapes)> BuildCatalogReads()
    {
        if (Snapshot.Spectrum.Region is not { } region)
        {
            yield break;
        }

        var named = Snapshot.Spectrum.Tables.Where(t => t is { CatalogAccount: not null, Database: not null, Table: not null });
        foreach (var group in named.GroupBy(t => (t.CatalogAccount!, t.Database!, t.Bucket)))
        {
            var (account, database, bucketName) = group.Key;
            if ((bucketsByName.GetValueOrDefault(bucketName) ?? CatalogOnly(group.First())) is not { } bucket)
            {
                continue;
            }

            // Only the table's ARN differs between the tables of one database: judged once per class of them.
            var tables = group.ToList();
            var classes = (tables.Count > 1 ? Patterns.ClassifyTables(Reader.Partition, region, account, database, tables, Budget) : null) ?? LocationPatterns.Apart(tables);
            foreach (var tableClass in classes)
            {
                var note = tableClass.Note(t => $"{t.Database}.{t.Table}");
                var table = tableClass.Representative;
                yield return (table, [.. Kinds.SelectMany(k => PathShapes.ForCatalog(Options(bucket, k), region, account, database, table.Table!, note))]);
            }
        }
    }

    // A table whose objects Lake Formation's credentials read: the reader still reads its catalog entry (not when its
    // bucket was left out for the budget).
    private BucketReads? CatalogOnly(TableLocation table) =>
        SkippedBuckets.Any(b => b.Name == table.Bucket) ? null : new BucketReads(table.Bucket, [table.Prefix], Snapshot.Buckets.GetValueOrDefault(table.Bucket));

    /// <summary>The key route of an SSE-KMS bucket (null for SSE-S3 or unknown encryption), decided once.</summary>
    public KeyRoute? KeyRoute(BucketReads bucket)
    {
        if (!keyRoutes.TryGetValue(bucket.Name, out var route))
        {
            keyRoutes[bucket.Name] = route = Judging.KeyRoute.For(this, bucket);
        }

        return route;
    }

    /// <summary>
    /// For each group of requests on a resource of the reader's own account, the resource policy's allows that may
    /// reach the session without naming the role (<see cref="PrincipalScope.MayBypassBoundary"/>).
    /// </summary>
    public IEnumerable<(IReadOnlyList<RequestShape> Shapes, PolicySet Allows)> BoundaryBypasses()
    {
        PolicySet Allows(string name, PolicyDocument document) =>
            PolicySet.Of(new NamedPolicy(name, document), s => s.Effect == Effect.Allow && PrincipalScope.MayBypassBoundary(s, Reader));

        foreach (var bucket in Buckets.Where(b => b.Account == Reader.AccountId && b.Facts?.Policy?.Value is not null))
        {
            yield return (S3Shapes(bucket), Allows($"bucket policy of {bucket.Name}", bucket.Facts!.Policy!.Value!));
        }

        foreach (var route in Buckets.Select(KeyRoute).OfType<KeyRoute>().Where(r => !r.CrossAccount && r.Facts?.Policy is not null))
        {
            yield return (route.Shapes, Allows($"key policy of {route.KeyResource}", route.Facts!.Policy!));
        }

        foreach (var (table, shapes) in CatalogReads().Where(c => c.Table.CatalogAccount == Reader.AccountId))
        {
            if (Snapshot.Catalogs.GetValueOrDefault(table.CatalogAccount!)?.ResourcePolicy?.Value is { } policy)
            {
                yield return (shapes, Allows($"Glue resource policy of account {table.CatalogAccount}", policy));
            }
        }
    }

    /// <summary>Every request shape of the path that the reader's session makes (S3, Glue, KMS through S3, and Lake Formation's credentials).</summary>
    public IReadOnlyList<RequestShape> AllReaderShapes() =>
        [.. Buckets.SelectMany(S3Shapes), .. CatalogReads().SelectMany(c => c.Shapes), .. Buckets.Select(KeyRoute).OfType<KeyRoute>().SelectMany(k => k.Shapes), .. LakeFormationShapes()];

    /// <summary>
    /// <c>lakeformation:GetDataAccess</c> for every possible cluster kind, when Lake Formation governs a table for the
    /// reader (empty when none does, or the Region is not given: the Lake Formation hop says so). Built once.
    /// </summary>
    public IReadOnlyList<RequestShape> LakeFormationShapes() => lakeFormationShapes ??= [.. BuildLakeFormationShapes()];

    private IEnumerable<RequestShape> BuildLakeFormationShapes()
    {
        if (Routes.OfType<TableRoute.ByLakeFormation>().FirstOrDefault() is not { } first || Snapshot.Spectrum.Region is not { } region)
        {
            return [];
        }

        var bucket = new BucketReads(first.Table.Bucket, [first.Table.Prefix], Snapshot.Buckets.GetValueOrDefault(first.Table.Bucket));
        return Kinds.Select(k => PathShapes.ForGetDataAccess(Options(bucket, k), region, first.Account));
    }

    private static string NonAsciiChars(PathSnapshot snapshot)
    {
        var texts = SnapshotDocuments.All(snapshot).Select(d => d.OriginalText);
        var chars = new SortedSet<char>();
        foreach (var text in texts)
        {
            foreach (var c in text)
            {
                if (c > '\u007e')
                {
                    chars.Add(c);
                }
            }
        }

        return new StringBuilder().AppendJoin(string.Empty, chars).ToString();
    }
}

/// <summary>A bucket the path reads, its table locations, and what the snapshot says about it (null: nothing).</summary>
internal sealed record BucketReads(string Name, IReadOnlyList<string> Prefixes, BucketFacts? Facts)
{
    /// <summary>The classes of table locations the prefixes stand for (one each, unless classified).</summary>
    public IReadOnlyList<LocationClass<string>> Classes { get; init; } = [];

    /// <summary>What findings about a representative prefix add: the locations it stands for.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; private init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many table locations the bucket's prefixes stand for.</summary>
    public int Locations => Classes.Count == 0 ? Prefixes.Count : Classes.Sum(c => c.Members.Count);

    /// <summary>The bucket judged through one representative of each class of its table locations.</summary>
    public static BucketReads OfClasses(string name, IReadOnlyList<LocationClass<string>> classes, BucketFacts? facts) =>
        new(name, [.. classes.Select(c => c.Representative)], facts)
        {
            Classes = classes,
            Notes = classes.Where(c => c.Members.Count > 1).ToDictionary(c => c.Representative, c => c.Note(p => $"s3://{name}/{p}"), StringComparer.Ordinal),
        };

    /// <summary>The owner's account, when given.</summary>
    public string? Account => Facts?.Account;
}

/// <summary>A decision is the same question when it is about the same set and shape (by reference) and the same caller (by value).</summary>
internal sealed class DecisionKeyComparer : IEqualityComparer<(PolicySet Set, RequestShape Shape, RequestPrincipal Caller)>
{
    public bool Equals((PolicySet Set, RequestShape Shape, RequestPrincipal Caller) x, (PolicySet Set, RequestShape Shape, RequestPrincipal Caller) y) =>
        ReferenceEquals(x.Set, y.Set) && ReferenceEquals(x.Shape, y.Shape) && Equals(x.Caller, y.Caller);

    public int GetHashCode((PolicySet Set, RequestShape Shape, RequestPrincipal Caller) key) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(key.Set), RuntimeHelpers.GetHashCode(key.Shape), key.Caller);
}
