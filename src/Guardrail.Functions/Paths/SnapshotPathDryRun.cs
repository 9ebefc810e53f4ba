using System.Text.Json.Nodes;
using Guardrail.Aws.Collect;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The access-path function's dry run against a snapshot (the format of <c>guardrail check path</c>) instead of the
/// live state: no AWS at all. The snapshot's path is the one protected path; the event is judged if it can concern it,
/// and the snapshot is judged as the state after the change. Nothing is claimed, recorded, published or written.
/// </summary>
public static class SnapshotPathDryRun
{
    /// <summary>Runs the dry run; <paramref name="snapshotText"/> is the snapshot JSON, <paramref name="source"/> names it in the assumptions.</summary>
    /// <exception cref="SnapshotParseException">The snapshot is not valid.</exception>
    public static DryRun.Result Run(string eventJson, string snapshotText, string source, Func<string, string?> environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var snapshot = SnapshotReader.Read(snapshotText);
        var change = EventParser.Parse(eventJson);
        var target = Target(snapshot, FunctionHost.Region(environment));
        var (plan, ignored) = AccessPathPlan.For([target], change);
        var assumptions = new List<string> { $"judged against the snapshot {source} as the state after the change; nothing read live, written, claimed or published" };
        if (plan is null)
        {
            return new DryRun.Result(new InvocationResult(Outcome.Ignored, change.EventId, ignored), assumptions);
        }

        var config = GuardrailConfig.Load(name => environment(name) is { Length: > 0 } value ? value : Default(name, snapshot), requireAws: false);
        var kind = new AccessPathKind(target, plan.Trigger, time);
        var judgement = kind.Judge(new PathEnvelope((JsonObject)JsonNode.Parse(snapshotText)!, null).ToText());
        var result = judgement.IsOk
            ? new InvocationResult(Outcome.Ok, change.EventId, "would record this path as the last known-good", kind.Type, kind.Name, judgement.Verdict)
            : DryRun.Alerted(config, kind, change, judgement, []).Invocation;
        return new DryRun.Result(result, assumptions);
    }

    // What the deployed configuration would name, taken from the snapshot where the environment does not set it.
    private static string? Default(string name, PathSnapshot snapshot) => name switch
    {
        "GUARDRAIL_SPECTRUM_ROLES" => string.Join(',', snapshot.Spectrum.RoleChain.Select(r => r.Arn)),
        "GUARDRAIL_PROTECTED_BUCKETS" => string.Join(',', snapshot.Spectrum.Tables.Select(t => t.Bucket).Distinct(StringComparer.Ordinal)),
        _ => null,
    };

    /// <summary>The protected path a snapshot describes.</summary>
    private static PathTarget Target(PathSnapshot snapshot, string region)
    {
        var spectrum = snapshot.Spectrum;
        var tables = spectrum.Tables.Select(t => new TableTarget(t.Bucket, t.Prefix, t.CatalogAccount, t.Database, t.Table)).ToList();
        var kind = spectrum.Cluster?.Kind ?? ClusterKind.Provisioned;
        var request = new SnapshotRequest(spectrum.RoleChain, tables, null, spectrum.Region ?? region);
        return new PathTarget("path#snapshot", spectrum.RoleChain, null, request, kind, spectrum.Cluster?.VpcEndpoints ?? []);
    }
}
