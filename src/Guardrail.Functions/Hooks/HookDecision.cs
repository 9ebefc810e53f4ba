using System.Text;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Hooks;

/// <summary>A path the resource operation concerns, judged with the operation laid on its live state.</summary>
/// <param name="Path">The path's name (as alerts call it).</param>
/// <param name="Verdict">The judgement.</param>
public sealed record JudgedPath(string Path, ChangeVerdict Verdict)
{
    /// <summary>Whether the operation breaks the path: it reads after it no longer, and it did before (or a hop got worse).</summary>
    public bool Breaks => Verdict.Access == AccessVerdict.Breaks && (Verdict.Before.Access != AccessVerdict.Breaks || Verdict.Hops.Any(h => h.Worsened));

    /// <summary>Whether the operation puts it at risk (an unknown value, a condition the guardrail cannot know).</summary>
    public bool AtRisk => !Breaks && Verdict.Access != AccessVerdict.Ok && (Verdict.Hops.Any(h => h.Worsened) || Verdict.Overlay.Problems.Count > 0);
}

/// <summary>A path the operation may concern but that could not be judged (a read failed, time ran out).</summary>
/// <param name="Path">The path's name.</param>
/// <param name="Why">Why, in one line.</param>
public sealed record UnjudgedPath(string Path, string Why);

/// <summary>
/// The hook's one decision: <c>FAILED</c>/<c>NonCompliant</c> when the operation breaks a protected path (CloudFormation
/// then stops it, or only warns, as the hook's <c>FailureMode</c> says); otherwise <c>SUCCESS</c>, with a warning
/// when it puts a path at risk or when a path could not be judged — never a silent pass.
/// </summary>
public static class HookDecision
{
    /// <summary>How many findings of each breaking path the message names.</summary>
    private const int FindingsPerPath = 3;

    /// <summary>The answer to a request that is not a resource operation with properties (a stack or change-set operation): not judged, said so.</summary>
    public static HookResponse? NotAResourceOperation(HookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Action is null || request.Properties is null
            ? new HookResponse(HookStatus.Success, $"Spectrum Guardrail judges resource create, update and delete operations with their properties; {SafeText.Echo(request.TargetName)} operations are not judged.", request.ClientRequestToken)
            : null;
    }

    public static HookResponse Decide(HookRequest request, IReadOnlyList<JudgedPath> judged, IReadOnlyList<UnjudgedPath> unjudged, int pathsConfigured)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = $"{request.TargetName} {SafeText.Echo(request.LogicalId)}";
        var message = new StringBuilder();
        var breaking = judged.Where(p => p.Breaks).ToList();
        foreach (var path in breaking)
        {
            Describe(message, path, "breaks");
        }

        foreach (var path in judged.Where(p => p.AtRisk))
        {
            Describe(message, path, "is at risk");
        }

        foreach (var path in unjudged)
        {
            message.Append(SafeText.Line($"WARNING: Spectrum path {path.Path} was not judged: {path.Why}. ")).Append(' ');
        }

        if (breaking.Count > 0)
        {
            return new HookResponse(HookStatus.Failed, $"Spectrum Guardrail: {subject} breaks Redshift Spectrum's access. {message}".TrimEnd(), request.ClientRequestToken);
        }

        var summary = judged.Count == 0 && unjudged.Count == 0
            ? $"Spectrum Guardrail: {subject} is on none of the {pathsConfigured} protected Spectrum paths."
            : $"Spectrum Guardrail: {subject} keeps Spectrum's access ({judged.Count(p => !p.AtRisk)} of {judged.Count + unjudged.Count} concerned paths ok).";
        return new HookResponse(HookStatus.Success, $"{summary} {message}".TrimEnd(), request.ClientRequestToken);
    }

    private static void Describe(StringBuilder message, JudgedPath path, string what)
    {
        var hops = path.Verdict.Hops.Where(h => h.Worsened).Select(h => $"{h.Hop.ToText()} {h.Before.ToText()} -> {h.After.ToText()}").ToList();
        message.Append(SafeText.Line($"Spectrum path {path.Path} {what}" + (hops.Count > 0 ? $" ({string.Join(", ", hops)})" : string.Empty) + ":")).Append(' ');
        var findings = path.Verdict.Findings
            .Where(f => f.Introduced && f.Finding.Finding.Kind == FindingKind.Access && f.Finding.Finding.Severity > Severity.Info)
            .OrderByDescending(f => f.Finding.Finding.Severity)
            .Take(FindingsPerPath);
        foreach (var located in findings)
        {
            var f = located.Finding;
            message.Append(SafeText.Line($"[{f.Finding.Rule}] {f.Hop.ToText()} hop, {f.Document}, {f.Finding.Statement}: {f.Finding.Message} Fix: {f.Finding.Fix}")).Append(' ');
        }
    }
}
