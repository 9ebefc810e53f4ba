using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Corpus;

/// <summary>
/// The whole-path corpus (tests/cases/paths): each case is a snapshot and the verdict AWS's documented semantics give
/// it, with the status of the hops it asserts and, where it names them, the exact set of access and info rule ids.
/// The cases were derived from AWS's documentation, independently of the evaluator.
/// </summary>
public sealed class PathCorpusTests
{
    private const string Folder = "paths";
    private const string DefaultNow = "2026-06-01T00:00:00Z";

    public static TheoryData<string> PathCases => CorpusCase.Ids(Folder);

    [Theory]
    [MemberData(nameof(PathCases))]
    public void Path_case_gets_the_expected_verdict(string id)
    {
        var testCase = CorpusCase.ById(id);
        var expect = testCase.Json["expect"]!.AsObject();
        var snapshot = SnapshotReader.Read(testCase.Json["snapshot"]!.ToJsonString());
        var now = DateTimeOffset.Parse(testCase.Json["now"]?.GetValue<string>() ?? DefaultNow, CultureInfo.InvariantCulture);

        var verdict = PathEvaluator.Evaluate(snapshot, now);

        var explanation = Explain(verdict);
        Assert.True(expect["verdict"]!.GetValue<string>() == verdict.Access.ToText(), $"verdict {verdict.Access.ToText()}, expected {expect["verdict"]}\n{explanation}");
        foreach (var (hop, status) in expect["hops"]?.AsObject() ?? [])
        {
            var result = Assert.Single(verdict.Hops, h => h.Hop.ToText() == hop);
            Assert.True(status!.GetValue<string>() == result.Status.ToText(), $"hop {hop} is {result.Status.ToText()}, expected {status}\n{explanation}");
        }

        if (expect["rules"] is JsonArray rules)
        {
            var expected = rules.Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            var actual = verdict.Findings.Select(f => f.Finding)
                .Where(f => f.Kind == FindingKind.Access || f.Severity == Severity.Info)
                .Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual), $"rules [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]\n{explanation}");
        }
    }

    [Fact]
    public void Corpus_is_large_and_every_case_says_why()
    {
        var all = CorpusCase.Load(Folder).ToList();

        Assert.True(all.Count >= 90, $"the path corpus has {all.Count} cases; the brief asks for at least 90");
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Json["reason"]?.GetValue<string>()), $"{c} has no reason"));
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Corpus_names_only_known_hops_statuses_and_verdicts()
    {
        var hops = Enum.GetValues<HopKind>().Select(h => h.ToText()).ToHashSet();
        var statuses = Enum.GetValues<HopStatus>().Select(s => s.ToText()).ToHashSet();
        var verdicts = Enum.GetValues<AccessVerdict>().Select(v => v.ToText()).ToHashSet();

        foreach (var testCase in CorpusCase.Load(Folder))
        {
            var expect = testCase.Json["expect"]!.AsObject();
            Assert.Contains(expect["verdict"]!.GetValue<string>(), verdicts);
            foreach (var (hop, status) in expect["hops"]?.AsObject() ?? [])
            {
                Assert.True(hops.Contains(hop), $"{testCase}: unknown hop {hop}");
                Assert.True(statuses.Contains(status!.GetValue<string>()), $"{testCase}: unknown status {status}");
            }
        }
    }

    [Fact]
    public void Corpus_covers_every_hop_both_ways_and_every_rule()
    {
        var cases = CorpusCase.Load(Folder).Select(c => c.Json["expect"]!.AsObject()).ToList();
        var asserted = cases.SelectMany(e => e["hops"]?.AsObject() ?? []).Select(p => (Hop: p.Key, Status: p.Value!.GetValue<string>())).ToList();
        var judged = new[] { HopKind.Trust, HopKind.Association, HopKind.Identity, HopKind.Bucket, HopKind.Key, HopKind.Catalog, HopKind.Ownership, HopKind.VpcEndpoint };

        foreach (var hop in judged.Select(h => h.ToText()))
        {
            Assert.True(asserted.Any(a => a.Hop == hop && a.Status == "ok"), $"no case asserts {hop} ok");
            Assert.True(asserted.Any(a => a.Hop == hop && a.Status is "breaks" or "at-risk"), $"no case asserts {hop} broken or at risk");
            Assert.True(asserted.Any(a => a.Hop == hop && a.Status == "unchecked"), $"no case asserts {hop} unchecked");
        }

        var rules = cases.SelectMany(e => e["rules"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        string[] issueRules =
        [
            RuleIds.TrustChainBroken, RuleIds.TrustMissingRedshift, "role-not-attached", "identity-missing-grant", "boundary-caps",
            "scp-denies", "rcp-denies", "key-disabled", "key-policy-denies", "key-not-delegated", "aws-managed-key-cross-account",
            "catalog-missing-grant", "object-ownership", RuleIds.VpceRestriction, RuleIds.PresignedUrlBlocked,
            RuleIds.SignatureAgeTooShort, RuleIds.PrincipalDenied, RuleIds.MissingCrossAccountGrant, RuleIds.ConditionUnknowable,
            "hop-unchecked", RuleIds.VpcePolicyDenies, RuleIds.VpcePolicyMissingAllow, RuleIds.VpceNotOnPath,
            RuleIds.AccessPointNetworkOriginVpc, RuleIds.AccessPointPolicyDenies, RuleIds.AccessPointPolicyMissingAllow,
            RuleIds.AccessPointNotDelegated, RuleIds.AccessPointBucketMismatch,
        ];
        Assert.All(issueRules, rule => Assert.True(rules.Contains(rule), $"no case expects rule {rule}"));
    }

    private static string Explain(PathVerdict verdict) =>
        string.Join(
            "\n",
            verdict.Hops.Select(h => $"{h.Hop.ToText()}: {h.Status.ToText()}")
                .Concat(verdict.Findings.Select(f => $"  [{f.Hop.ToText()}] {f.Finding.Rule} ({f.Finding.Kind.ToText()}/{f.Finding.Severity.ToText()}) {f.Document} {f.Finding.Statement}: {f.Finding.Message}")));
}
