using System.Globalization;
using System.Text.Json;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// Judges proposed changes against the live path: the snapshot as it is, then with the changes laid on it
/// (<see cref="SnapshotOverlay"/>), hop by hop; each finding is located at the changes that edit its hop (and its
/// document, when they name it), and at its statement's line when the input gave lines. The CLI's
/// <c>check change</c> and the CloudFormation hook both decide with this.
/// </summary>
public static class ChangeJudge
{
    public static ChangeVerdict Judge(PathSnapshot snapshot, IReadOnlyList<ProposedChange> changes, DateTimeOffset now, Func<WorkBudget>? budget = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var overlay = SnapshotOverlay.Apply(snapshot, changes);
        var before = PathEvaluator.Evaluate(snapshot, now, budget?.Invoke());
        var after = PathEvaluator.Evaluate(overlay.Snapshot, now, budget?.Invoke());

        var troubled = overlay.Problems.GroupBy(p => p.Finding.Hop).ToDictionary(g => g.Key, g => g.Max(p => p.Access));
        var hops = after.Hops.Select(h => new HopChange(
            h.Hop,
            before.Hops.FirstOrDefault(b => b.Hop == h.Hop)?.Status ?? HopStatus.Unchecked,
            troubled.TryGetValue(h.Hop, out var problem) ? Worse(h.Status, problem) : h.Status)).ToList();

        var access = overlay.Problems.Select(p => p.Access).Append(after.Access).Max();
        var existing = before.Findings.Select(Key).ToHashSet();
        var findings = new List<LocatedFinding>();
        findings.AddRange(overlay.Problems.Select(p => new LocatedFinding(p.Finding, true, [p.Source], null)));
        foreach (var finding in after.Findings)
        {
            var introduced = !existing.Contains(Key(finding));
            var sources = Locate(finding, overlay.Applied, introduced);
            findings.Add(new LocatedFinding(finding, introduced, [.. sources.Select(c => c.Source)], sources.Count > 0 ? StatementLine(sources[0], finding.Finding.Statement) : null));
        }

        return new ChangeVerdict(access, after.Security, hops, findings, overlay, before, after);
    }

    /// <summary>A hop's status with what the overlay found on it: an unknown value puts it at least at risk, a deletion breaks it.</summary>
    private static HopStatus Worse(HopStatus status, AccessVerdict problem) => problem switch
    {
        AccessVerdict.Breaks => HopStatus.Breaks,
        AccessVerdict.AtRisk when status is HopStatus.Ok or HopStatus.Unchecked => HopStatus.AtRisk,
        _ => status,
    };

    private static (HopKind, string, string, string) Key(PathFinding f) => (f.Hop, f.Document, f.Finding.Rule, f.Finding.Statement);

    /// <summary>The changes that edit the finding's hop and name its document; for a finding the change brings, any change of its hop when none names it.</summary>
    private static List<ProposedChange> Locate(PathFinding finding, IReadOnlyList<ProposedChange> applied, bool introduced)
    {
        var onHop = applied.Where(c => c.Hops.Contains(finding.Hop)).ToList();
        var named = onHop.Where(c => finding.Document.Contains(c.Subject, StringComparison.Ordinal) || Names(c, finding.Document)).ToList();
        return named.Count > 0 || !introduced ? named : onHop;
    }

    // A role's findings name it by "role/NAME ..." rather than by its ARN.
    private static bool Names(ProposedChange change, string document) =>
        change.Subject.Contains(":role/", StringComparison.Ordinal)
        && document.Contains("role/" + change.Subject[(change.Subject.LastIndexOf('/') + 1)..], StringComparison.Ordinal);

    /// <summary>The line of <paramref name="statement"/> (a Sid or <c>Statement[i]</c>) in the change's policy, when it has lines.</summary>
    private static int? StatementLine(ProposedChange change, string statement)
    {
        if (Text(change) is not { StatementLines.Count: > 0 } text)
        {
            return null;
        }

        var index = StatementIndex(text.Json, statement);
        return index is { } i && i < text.StatementLines.Count ? text.StatementLines[i] : null;
    }

    private static PolicyText? Text(ProposedChange change)
    {
        var proposed = change switch
        {
            BucketPolicyChange c => c.Policy,
            RoleTrustChange c => c.Policy,
            RoleInlinePolicyChange c => c.Policy,
            ManagedPolicyChange c => c.Policy,
            KeyPolicyChange c => c.Policy,
            VpcEndpointPolicyChange c => c.Policy,
            OrganizationPolicyChange c => c.Policy,
            _ => null,
        };
        return proposed is Proposed<PolicyText>.Set set ? set.Value : null;
    }

    private static int? StatementIndex(string json, string statement)
    {
        const string Indexed = "Statement[";
        if (statement.StartsWith(Indexed, StringComparison.Ordinal) && statement.EndsWith(']')
            && int.TryParse(statement.AsSpan(Indexed.Length, statement.Length - Indexed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
            {
                return null;
            }

            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            var at = list.FindIndex(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("Sid", out var sid) && sid.ValueKind == JsonValueKind.String && sid.GetString() == statement);
            return at >= 0 ? at : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
