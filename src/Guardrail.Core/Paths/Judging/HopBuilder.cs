using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Gathers one hop's parts: what was judged (the worst value decides), what could not be (its input was missing),
/// and the findings, one per rule, document and statement (the most severe kept). A hop whose judged parts are all
/// fine but which missed an input is <c>unchecked</c>: never reported ok for what it did not see.
/// </summary>
internal sealed class HopBuilder(HopKind hop)
{
    private readonly List<PathFinding> findings = [];
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
    public void Add(string document, Finding finding)
    {
        var key = (finding.Rule, document, finding.Statement, finding.Kind);
        if (!index.TryGetValue(key, out var at))
        {
            index[key] = findings.Count;
            findings.Add(new PathFinding(hop, document, finding));
        }
        else if (finding.Severity > findings[at].Finding.Severity)
        {
            findings[at] = new PathFinding(hop, document, finding);
        }
    }

    /// <summary>Adds a finding built here, with the rule's fix.</summary>
    public void Add(string document, string rule, Tri value, string statement, string message) =>
        Add(document, new Finding(rule, value == Tri.False ? Severity.High : Severity.Medium, FindingKind.Access, statement, message, Fixes.For(rule)));

    /// <summary>Adds a whole single-document verdict (its access part judged, its findings kept with their statements).</summary>
    public void Add(string document, Verdict verdict)
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
        var verdict = AccessJudgement.From(judgement.Result with { Events = [.. events] }, denyRule, missingGrant, []);
        foreach (var finding in verdict.Findings)
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

    /// <summary>The hop's result.</summary>
    public HopResult Build()
    {
        var status = judged switch
        {
            Tri.False => HopStatus.Breaks,
            Tri.Unknown => HopStatus.AtRisk,
            _ => missedInput ? HopStatus.Unchecked : HopStatus.Ok,
        };
        return new HopResult(hop, status, [.. findings]);
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
