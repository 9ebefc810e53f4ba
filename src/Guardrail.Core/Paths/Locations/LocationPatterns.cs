using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Locations;

/// <summary>
/// Everything on a path that can tell two table locations apart, and the classes of locations it does not tell
/// apart. The requests of a location differ from another's only in the object ARNs (matched by Resource and
/// NotResource patterns), the listing's <c>s3:prefix</c> and S3's encryption context for KMS (matched by condition
/// values), or, for the catalog, the table's ARN. Two locations after which every such pattern's automaton has the
/// same live positions (<see cref="GlobStates"/>) are matched alike by it whatever key follows, in every way the
/// evaluator matches (ARN parts, whole strings, either case, literally): so one judgement is exactly every
/// member's. A pattern holding a policy variable may expand to anything: a location it may reach is a class of its own.
/// </summary>
internal sealed class LocationPatterns
{
    /// <summary>The condition keys whose value is the location's: the listing's prefix and the object ARN S3 gives KMS.</summary>
    private static readonly HashSet<string> LocationKeys = new(["s3:prefix", "kms:EncryptionContext:aws:s3:arn"], StringComparer.OrdinalIgnoreCase);

    private readonly List<string> resources;
    private readonly List<(string Text, bool IgnoreCase)> values;
    private readonly bool readsLocationVariable;
    private readonly Dictionary<(string Partition, string Service, string Region, string Account), (List<string> Tails, HeadIndex ByHead)> tails = [];

    private LocationPatterns(List<string> resources, List<(string Text, bool IgnoreCase)> values, bool readsLocationVariable)
    {
        this.resources = resources;
        this.values = values;
        this.readsLocationVariable = readsLocationVariable;
    }

    /// <summary>Patterns that tell every location apart: each is judged on its own.</summary>
    public static LocationPatterns None { get; } = new([], [], readsLocationVariable: true);

    /// <summary>The patterns of every document of <paramref name="snapshot"/> (more than a hop reads: a pattern that tells nothing apart costs little).</summary>
    public static LocationPatterns Of(PathSnapshot snapshot)
    {
        var resources = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<(string, bool)>();
        var readsLocationVariable = false;
        foreach (var statement in SnapshotDocuments.All(snapshot).SelectMany(d => d.Statements))
        {
            resources.UnionWith(statement.Resource?.Patterns ?? []);
            foreach (var clause in statement.Conditions)
            {
                if (LocationKeys.Contains(clause.Key))
                {
                    values.UnionWith(clause.Values.Select(v => (v, clause.Operator.IgnoreCase)));
                }

                // A value on any key may read the location through a variable: then nothing is shared.
                readsLocationVariable |= clause.Values.Any(ReadsLocation);
            }

            readsLocationVariable |= statement.Resource?.Patterns.Any(ReadsLocation) ?? false;
        }

        return new LocationPatterns([.. resources.Order(StringComparer.Ordinal)], [.. values.Order()], readsLocationVariable);
    }

    /// <summary>
    /// The classes of the table locations (prefixes) of one bucket, in the order of their first member; null when
    /// <paramref name="budget"/> cannot pay for telling them apart (a unit per pattern tried, and per location
    /// <see cref="UnitsPerLocation"/> and one per probe read).
    /// </summary>
    public IReadOnlyList<LocationClass<string>>? ClassifyPrefixes(string partition, string bucket, IReadOnlyList<string> prefixes, WorkBudget budget)
    {
        if (readsLocationVariable)
        {
            return Apart(prefixes);
        }

        var arnHead = $"arn:{partition}:s3:::{bucket}/";
        var tailHead = bucket + "/";
        var relevant = Tails(partition, "s3", string.Empty, string.Empty, tailHead);
        if (!budget.TrySpendLinear(relevant.Count + values.Count))
        {
            return null;
        }

        var probes = new List<Probe>();
        foreach (var tail in relevant)
        {
            AddProbe(probes, tail, ignoreCase: false, tailHead);
        }

        foreach (var (value, ignoreCase) in values)
        {
            foreach (var caseless in ignoreCase ? [false, true] : new[] { false })
            {
                AddProbe(probes, value, caseless, arnHead);
                AddProbe(probes, value, caseless, string.Empty);
                if (ResourceTail(value, partition, "s3", string.Empty, string.Empty) is { } tail)
                {
                    AddProbe(probes, tail, caseless, tailHead);
                }

                if (!HasVariable(value) && value.AsSpan().IndexOfAny('*', '?') >= 0)
                {
                    // The same value compared literally (StringEquals and kin): wildcards are plain characters there.
                    probes.Add(new Probe(null, value, arnHead, caseless, distinguishes: false));
                    probes.Add(new Probe(null, value, string.Empty, caseless, distinguishes: false));
                }
            }
        }

        return Classify(prefixes, probes, static p => p, budget);
    }

    /// <summary>
    /// The classes of the tables of one catalog account and database whose Glue reads are judged (Region given): the
    /// catalog and database ARNs are the same for all, the table's ARN is what patterns may tell apart. Null when
    /// <paramref name="budget"/> cannot pay for it.
    /// </summary>
    public IReadOnlyList<LocationClass<TableLocation>>? ClassifyTables(string partition, string region, string account, string database, IReadOnlyList<TableLocation> tables, WorkBudget budget)
    {
        if (readsLocationVariable)
        {
            return Apart(tables);
        }

        var head = $"table/{database}/";
        var relevant = Tails(partition, "glue", region, account, head);
        if (!budget.TrySpendLinear(relevant.Count))
        {
            return null;
        }

        var probes = new List<Probe>();
        foreach (var tail in relevant)
        {
            AddProbe(probes, tail, ignoreCase: false, head);
        }

        return Classify(tables, probes, static t => t.Table!, budget);
    }

    /// <summary>Each location a class of its own.</summary>
    public static IReadOnlyList<LocationClass<T>> Apart<T>(IReadOnlyList<T> locations) => [.. locations.Select(l => new LocationClass<T>(l, [l]))];

    /// <summary>What telling one location from the others costs at least, in linear budget units.</summary>
    public const long UnitsPerLocation = 25;

    /// <summary>
    /// The resource parts of the Resource patterns whose first five ARN parts match the given ones (found once per
    /// such head) that may match something after <paramref name="head"/>: those whose literal head and it agree.
    /// </summary>
    private List<string> Tails(string partition, string service, string region, string account, string head)
    {
        var key = (partition, service, region, account);
        if (!tails.TryGetValue(key, out var indexed))
        {
            var found = resources.Where(p => p != "*").Select(p => ResourceTail(p, partition, service, region, account)).OfType<string>().ToList();
            tails[key] = indexed = (found, new HeadIndex(found.Select((tail, at) => (at, HeadIndex.LiteralHead(tail)))));
        }

        var at = new List<int>();
        indexed.ByHead.Find(head, at);
        at.Sort();
        return [.. at.Distinct().Select(i => indexed.Tails[i])];
    }

    private static IReadOnlyList<LocationClass<T>>? Classify<T>(IReadOnlyList<T> locations, List<Probe> probes, Func<T, string> subject, WorkBudget budget)
    {
        var index = new ProbeIndex(probes);
        var classes = new Dictionary<int[], List<T>>(new ClassKeyComparer());
        var order = new List<List<T>>();
        var key = new List<int>();
        var candidates = new List<int>();
        for (var at = 0; at < locations.Count; at++)
        {
            key.Clear();
            var text = subject(locations[at]);
            index.Candidates(text, candidates);
            if (!budget.TrySpendLinear(UnitsPerLocation + candidates.Count))
            {
                return null;
            }

            foreach (var p in candidates)
            {
                // Paid as read: one probe's read is bounded (MaxProbeStars), so the budget stops a hostile set of them.
                if (!budget.TrySpendLinear(1 + (probes[p].Describe(text, p, at, key) / StepsPerUnit)))
                {
                    return null;
                }
            }

            var array = key.ToArray();
            if (!classes.TryGetValue(array, out var members))
            {
                classes[array] = members = [];
                order.Add(members);
            }

            members.Add(locations[at]);
        }

        return [.. order.Select(m => new LocationClass<T>(m[0], m))];
    }

    /// <summary>
    /// Adds the automaton of <paramref name="pattern"/> after <paramref name="head"/>, unless nothing after it can
    /// match, or everything after it matches alike (a trailing <c>*</c> reached).
    /// </summary>
    private static void AddProbe(List<Probe> probes, string pattern, bool ignoreCase, string head)
    {
        if (pattern.AsSpan().Count('*') > MaxProbeStars)
        {
            // So many stars keep so many positions live that reading them would cost more than the sharing saves:
            // every location of the bucket is a class of its own (never a guess, only less shared).
            probes.Add(new Probe(null, pattern, head, ignoreCase, distinguishes: true));
            return;
        }

        var distinguishes = HasVariable(pattern);

        // A variable may expand to anything: what is written before it, then anything, is what it may match.
        var text = distinguishes ? pattern[..pattern.IndexOf("${", StringComparison.Ordinal)] + "*" : pattern;
        var states = new GlobStates(text, ignoreCase);
        if (states.Read(head) && !(states.Fixed && !distinguishes))
        {
            probes.Add(new Probe(states, text, head, ignoreCase, distinguishes));
        }
    }

    /// <summary>Automaton steps (a live position moved on one character) per linear budget unit: a step is a few ns.</summary>
    private const long StepsPerUnit = 8;

    /// <summary>The most stars a pattern may have for its automaton to be read (each star keeps a position live).</summary>
    private const int MaxProbeStars = 32;

    /// <summary>
    /// The resource part of an ARN pattern (after its fifth colon) when its first five parts match the given ones,
    /// as <see cref="ArnMatcher"/> compares them; null when they do not (it matches nothing of the kind).
    /// </summary>
    private static string? ResourceTail(string pattern, string partition, string service, string region, string account)
    {
        ReadOnlySpan<string> heads = ["arn", partition, service, region, account];
        var start = 0;
        foreach (var head in heads)
        {
            var colon = pattern.IndexOf(':', start);
            if (colon < 0 || !Glob.Match(pattern.AsSpan(start, colon - start), default, head, ignoreCase: false))
            {
                return null;
            }

            start = colon + 1;
        }

        return pattern[start..];
    }

    private static bool HasVariable(string text) => text.Contains("${", StringComparison.Ordinal);

    private static bool ReadsLocation(string text) =>
        text.Contains("${s3:prefix", StringComparison.OrdinalIgnoreCase) || text.Contains("${kms:EncryptionContext", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One way a pattern matches: its automaton after the head all subjects share (null: compared literally, or not
    /// read at all when it has more than <see cref="MaxProbeStars"/> stars), or whether a location it may reach is a
    /// class of its own (a variable follows; without an automaton, every location).
    /// </summary>
    private sealed class Probe(GlobStates? states, string text, string head, bool ignoreCase, bool distinguishes)
    {
        private readonly GlobStates? scratch = states?.Copy();

        /// <summary>
        /// What a location must start with, or be a start of, for this probe to say anything of it (empty: any
        /// location may be). Only a filter: <see cref="Describe"/> decides.
        /// </summary>
        public string Run { get; } = states is not null ? states.LiteralRun()
            : !distinguishes && !ignoreCase && text.StartsWith(head, StringComparison.Ordinal) ? text[head.Length..]
            : string.Empty;

        /// <summary>
        /// Appends what this probe says of <paramref name="location"/> to the class key (nothing when it can match
        /// nothing there); returns the work that took.
        /// </summary>
        public long Describe(string location, int probe, int index, List<int> key)
        {
            if (states is null || scratch is null)
            {
                if (distinguishes)
                {
                    key.Add(probe);
                    key.Add(index);
                    return 1;
                }

                var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                if (text.Length >= head.Length + location.Length && text.AsSpan(0, head.Length).Equals(head, comparison)
                    && text.AsSpan(head.Length, location.Length).Equals(location, comparison))
                {
                    key.Add(probe);
                    key.Add(location.Length);
                }

                return 1 + location.Length;
            }

            scratch.Restart(states);
            var before = scratch.Steps;
            var alive = scratch.Read(location);
            var steps = scratch.Steps - before;
            if (!alive)
            {
                return steps;
            }

            key.Add(probe);
            if (distinguishes)
            {
                key.Add(index);
                return steps;
            }

            key.Add(scratch.Live.Count);
            foreach (var state in scratch.Live)
            {
                key.Add(state);
            }

            return steps;
        }
    }

    /// <summary>
    /// The probes a location may keep alive, found by their literal runs (<see cref="HeadIndex"/>) instead of trying
    /// each: a location keeps a probe with a run alive only if one of the two starts with the other. Probes without a
    /// run are always tried.
    /// </summary>
    private sealed class ProbeIndex(List<Probe> probes)
    {
        private readonly HeadIndex byRun = new(probes.Select((probe, at) => (at, probe.Run)));

        /// <summary>Fills <paramref name="candidates"/> with the probes <paramref name="location"/> may keep alive, ascending.</summary>
        public void Candidates(string location, List<int> candidates)
        {
            candidates.Clear();
            byRun.Find(location, candidates);
            candidates.Sort();
        }
    }

    /// <summary>Class keys compare by content.</summary>
    private sealed class ClassKeyComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] key)
        {
            var hash = default(HashCode);
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
