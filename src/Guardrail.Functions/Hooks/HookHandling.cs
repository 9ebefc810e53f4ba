using System.Text;
using Guardrail.Aws.Collect;
using Guardrail.Changes;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Text;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Hooks;

/// <summary>
/// The hook function's one step: read the request, make the resource operation's proposed changes, and judge them on
/// the live state of each protected path they concern (<see cref="ChangeJudge"/>, as <c>guardrail check change</c>
/// does), within CloudFormation's 30 seconds; then answer (<see cref="HookDecision"/>). A path whose last recorded
/// state the changes do not touch is not read at all. Whatever cannot be judged (a read AWS refuses, time running
/// out, a bug) is answered SUCCESS with a warning naming it, logged as an error and counted: never a silent pass,
/// never a deployment blocked by the guardrail's own failure.
/// </summary>
internal static class HookHandling
{
    public const string Function = "hook";

    public static async Task<Stream> HandleAsync(FunctionHost host, Stream input, HookChanges changesOf)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        using var reader = new StreamReader(input, Encoding.UTF8);
        var request = HookRequest.Parse(await reader.ReadToEndAsync(deadline.Work).ConfigureAwait(false));
        using var invocation = host.Services.Log.StartInvocation(request.ClientRequestToken);
        var response = await DecideAsync(host, request, changesOf, deadline).ConfigureAwait(false);
        host.Services.Log.Info("answered", ("hookStatus", response.Status.ToString().ToUpperInvariant()), ("resource", $"{request.TargetName} {request.LogicalId}"), ("message", response.SentMessage));
        host.Services.Metrics.Count(response.Status == HookStatus.Failed ? "HookNonCompliant" : "HookPassed");
        return new MemoryStream(Encoding.UTF8.GetBytes(response.ToJson()));
    }

    public static async Task<HookResponse> DecideAsync(FunctionHost host, HookRequest request, HookChanges changesOf, InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await host.RefreshConfigAsync(deadline).ConfigureAwait(false);
            if (HookDecision.NotAResourceOperation(request) is { } skipped)
            {
                return skipped;
            }

            var context = new ChangeContext($"stack {request.Stack}", request.Account, request.Region ?? host.Services.Region, new Dictionary<string, string>(), new Dictionary<string, string>());
            IReadOnlyList<ProposedChange> changes;
            try
            {
                changes = changesOf(request, context);
            }
            catch (ChangeInputException e)
            {
                return NotJudged(host, request, $"its properties could not be read: {e.Message}");
            }

            var targets = Targets(host, request);
            if (changes.Count == 0 || targets.Count == 0)
            {
                return HookDecision.Decide(request, [], [], targets.Count);
            }

            var (judged, unjudged) = await JudgeAsync(host, changes, targets, deadline).ConfigureAwait(false);
            return HookDecision.Decide(request, judged, unjudged, targets.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return NotJudged(host, request, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The configured paths in the stack's account (organization mode) and the function's Region.</summary>
    private static List<PathTarget> Targets(FunctionHost host, HookRequest request) =>
        [.. PathTarget.From(host.Config, request.Region ?? host.Services.Region)
            .Where(t => !host.Config.IsOrganization || request.Account is null || t.Accounts.Contains(request.Account))];

    private static async Task<(List<JudgedPath> Judged, List<UnjudgedPath> Unjudged)> JudgeAsync(FunctionHost host, IReadOnlyList<ProposedChange> changes, List<PathTarget> targets, InvocationDeadline deadline)
    {
        var judged = new List<JudgedPath>();
        var unjudged = new List<UnjudgedPath>();
        if (host.Services.PathReaders is not { } makeReaders)
        {
            return (judged, [.. targets.Select(t => new UnjudgedPath(Name(t), "the hook function has no path readers"))]);
        }

        using var session = makeReaders(host.Config.MemberRoleName);
        var reads = new ReadCache();
        foreach (var target in targets)
        {
            if (deadline.WorkExpired)
            {
                unjudged.Add(new UnjudgedPath(Name(target), "the hook's time ran out first (CloudFormation waits at most 30 seconds)"));
                continue;
            }

            try
            {
                if (await LastStateAsync(host, target, deadline).ConfigureAwait(false) is { } last && SnapshotOverlay.Apply(last, changes) is { Applied.Count: 0, Problems.Count: 0 })
                {
                    continue;
                }

                var live = LivePath.Snapshot(await LivePath.ReadAsync(target, session.Readers, reads, deadline.Work).ConfigureAwait(false));
                var verdict = ChangeJudge.Judge(live, changes, host.Services.Time.GetUtcNow());
                if (verdict.Overlay.Applied.Count > 0 || verdict.Overlay.Problems.Count > 0)
                {
                    judged.Add(new JudgedPath(Name(target), verdict));
                }
            }
            catch (OperationCanceledException) when (deadline.WorkExpired)
            {
                unjudged.Add(new UnjudgedPath(Name(target), "the hook's time ran out while reading it (CloudFormation waits at most 30 seconds)"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                host.Services.Log.Error("a path could not be judged", ("path", target.Key), ("error", e.GetType().Name), ("message", e.Message));
                unjudged.Add(new UnjudgedPath(Name(target), e is PathReadException ? e.Message : $"{e.GetType().Name}: {e.Message}"));
            }
        }

        if (unjudged.Count > 0)
        {
            host.Services.Metrics.Count("HookPathsNotJudged", unjudged.Count);
        }

        return (judged, unjudged);
    }

    /// <summary>The path's last recorded (MAC-verified) state, to skip paths the change does not touch; null when there is none or it cannot be read.</summary>
    private static async Task<PathSnapshot?> LastStateAsync(FunctionHost host, PathTarget target, InvocationDeadline deadline)
    {
        try
        {
            var record = await host.Services.State.KnownGood.GetKnownGoodAsync(target.Key, deadline.Work).ConfigureAwait(false);
            return record.Value?.PolicyText is { } text ? LivePath.Snapshot(text) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            host.Services.Log.Warn("the path's last state could not be read; reading it live", ("path", target.Key), ("error", e.GetType().Name));
            return null;
        }
    }

    private static string Name(PathTarget target) => target.Named ? target.PathName : target.Name;

    private static HookResponse NotJudged(FunctionHost host, HookRequest request, string why)
    {
        host.Services.Log.Error("the resource operation could not be judged", ("resource", $"{request.TargetName} {request.LogicalId}"), ("reason", why));
        host.Services.Metrics.Count("HookNotJudged");
        return new HookResponse(HookStatus.Success, SafeText.Line($"WARNING: Spectrum Guardrail could not judge {request.TargetName} {request.LogicalId}, so it did not stop it: {why}. Check the path after deployment (guardrail check path)."), request.ClientRequestToken);
    }
}
