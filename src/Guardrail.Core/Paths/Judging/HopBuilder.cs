using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Gathers one hop's parts: what was judged (the worst value decides), what could not be (its input was missing),
/// and the findings, one per rule, document and statement (the most severe kept). A hop whose judged parts are all
/// fine but which missed an input is <c>unchecked</c>: never reported ok for what it did not see. Findings are
/// gathered unbuilt; <see cref="Build(WorkBudget, int)"/> reports a capped few of them (<see cref="FindingReport"/>).
/// </summary>
internal sealed class HopBuilder(HopKind hop)
{
    private readonly List<(string Document, PendingFinding Finding)> findings = [];
    private readonly Dictionary<(string Rule, string Document, string Statement, FindingKind Kind), int> index = [];
    private Tri judged = Tri.True;
    private bool missedInput;

    /// <summary>The hop being built.</summary>
    public HopKind Hop => hop;

    /// <summary>Counts a judged part: False breaks the hop, Unknown puts it at risk.</summary>
    public void Judged(Tri value) => judged = judged.And(value);

    /// <summary>Records that an input of this hop was missing, as an info finding saying which.</summary>
    public void Unchecked(string document, string what)
    {
        missedInput = true;
        Gap(document, what);
    }

    /// <summary>
    /// Lists an input that caps the hop but whose absence leaves the rest judged (the organization's policies: many
    /// accounts have none, and the snapshot may not be allowed to read them), as an info finding only.
    /// </summary>
    public void Gap(string document, string what) =>
        Add(document, new Finding(RuleIds.HopUnchecked, Severity.Info, FindingKind.Access, "(input)", $"Not verified: {what}.", Fixes.For(RuleIds.HopUnchecked)));

    /// <summary>Adds a finding about <paramref name="document"/>.</summary>
    public void Add(string document, Finding finding) => Add(document, PendingFinding.Of(finding));

    /// <summary>Adds a finding about <paramref name="document"/> whose message is built only if it is reported.</summary>
    public void Add(string document, PendingFinding finding)
    {
        var key = (finding.Rule, document, finding.Statement, finding.Kind);
        if (!index.TryGetValue(key, out var at))
        {
            index[key] = findings.Count;
            findings.Add((document, finding));
        }
        else if (finding.Severity > findings[at].Finding.Severity)
        {
            findings[at] = (document, finding);
        }
    }

    /// <summary>Adds a finding built here, with the rule's fix.</summary>
    public void Add(string document, string rule, Tri value, string statement, string message) =>
        Add(document, new Finding(rule, value == Tri.False ? Severity.High : Severity.Medium, FindingKind.Access, statement, message, Fixes.For(rule)));

    /// <summary>Adds a whole single-document verdict (its access part judged, its findings kept with their statements).</summary>
    public void Add(string document, PendingVerdict verdict)
    {
        Judged(verdict.Access switch
        {
            AccessVerdict.Ok => Tri.True,
            AccessVerdict.AtRisk => Tri.Unknown,
            _ => Tri.False,
        });
        foreach (var finding in verdict.Findings)
        {
            Add(document, finding);
        }
    }

    /// <summary>
    /// Counts a set's deny part and/or grant part and adds the findings that explain them, each located in its
    /// own document.
    /// </summary>
    /// <param name="judgement">The set decided over one shape.</param>
    /// <param name="parts">Which answers count.</param>
    /// <param name="denyRule">The rule of a deny that applies.</param>
    /// <param name="missingGrant">The rule and message of "no statement allows".</param>
    /// <param name="counted">What the hop counts instead of the set's own answers, when other routes soften them.</param>
    public void Add(SetJudgement judgement, SetPart parts, Func<DenyMayApply, string> denyRule, Func<AccessRequest, (string Rule, string Message)> missingGrant, Tri? counted = null)
    {
        var denies = parts.HasFlag(SetPart.Denies);
        var grant = parts.HasFlag(SetPart.Grant);
        var events = judgement.Result.Events.Where(e => e switch
        {
            DenyMayApply or DeniesTogether => denies,
            GrantMissing or GrantUndecided => grant,
            _ => true,
        });
        foreach (var finding in AccessJudgement.Collect(judgement.Result with { Events = [.. events] }, denyRule, missingGrant).ToPending())
        {
            var (document, statement) = judgement.Set.Locate(finding.Statement);

            // Where other routes leave the outcome open, no finding of this set is certain.
            var severity = counted == Tri.Unknown && finding.Severity > Severity.Medium ? Severity.Medium : finding.Severity;
            Add(document, finding with { Statement = statement, Severity = severity });
        }

        if (counted is { } value)
        {
            Judged(value);
            return;
        }

        if (denies)
        {
            Judged(judgement.NoDeny);
        }

        if (grant)
        {
            Judged(judgement.Grant);
        }
    }

    /// <summary>The hop's result, with the path's cap on reported findings, paid for out of the path's budget.</summary>
    public HopResult Build(PathJudging path) => Build(path.Budget, path.FindingsPerHop);

    /// <summary>
    /// The hop's result, reporting at most <paramref name="cap"/> findings, each paid for out of
    /// <paramref name="budget"/> (<see cref="FindingReport"/>); the others are only counted, the status is decided from all. When the
    /// budget cannot pay for a finding the cap would report, the hop is at risk with an <c>evaluation-budget</c>
    /// finding: never ok for what it could not say.
    /// </summary>
    public HopResult Build(WorkBudget budget, int cap)
    {
        var pending = findings.ConvertAll(f => f.Finding);
        var kept = FindingReport.Select(pending, cap, budget, out var budgetRanOut);
        var omitted = findings.Count - kept.Count;
        var reported = new List<PathFinding>(kept.Count + 1);
        reported.AddRange(kept.Select(at => new PathFinding(hop, findings[at].Document, findings[at].Finding.Build())));
        if (budgetRanOut)
        {
            Judged(Tri.Unknown);
            reported.Add(new PathFinding(hop, $"{hop.ToText()} hop", new Finding(
                RuleIds.EvaluationBudget,
                Severity.Medium,
                FindingKind.Access,
                "(findings)",
                $"The path's work budget ran out before this hop's findings could be reported ({omitted:N0} left out), so the hop is at risk: what was not reported is not known to be harmless.",
                Fixes.For(RuleIds.EvaluationBudget))));
        }

        var status = judged switch
        {
            Tri.False => HopStatus.Breaks,
            Tri.Unknown => HopStatus.AtRisk,
            _ => missedInput ? HopStatus.Unchecked : HopStatus.Ok,
        };
        return new HopResult(hop, status, reported)
        {
            FindingsOmitted = omitted,
            OmittedWeakensSecurity = Weakening(pending, kept),
        };
    }

    // Whether a finding left out is a security finding above info: the path's security verdict counts it.
    private static bool Weakening(List<PendingFinding> pending, IReadOnlyList<int> kept)
    {
        var reported = new HashSet<int>(kept);
        return pending.Where((f, i) => !reported.Contains(i)).Any(f => f.Kind == FindingKind.Security && f.Severity > Severity.Info);
    }
}

/// <summary>Which of a set's two answers a hop counts.</summary>
[Flags]
internal enum SetPart
{
    Denies = 1,
    Grant = 2,
    Both = Denies | Grant,
}
