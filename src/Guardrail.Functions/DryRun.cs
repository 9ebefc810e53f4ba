using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Identifiers;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>
/// Runs a function's judgement on an event file with no AWS at all: the policy carried in the event is judged, and the
/// alert that would be published and what would be done are returned. Configuration comes from the environment where
/// set; otherwise defaults, each stated in <see cref="Result.Assumptions"/>.
/// </summary>
public static class DryRun
{
    public const string PlaceholderTopic = "arn:aws:sns:us-east-1:123456789012:dry-run";

    /// <summary>The outcome and the assumptions it rests on.</summary>
    public sealed record Result(InvocationResult Invocation, IReadOnlyList<string> Assumptions);

    public static Result Run(string function, string eventJson, Func<string, string?> environment, TimeProvider time)
    {
        if (function == "drift-scan")
        {
            return new Result(new InvocationResult(Outcome.Ignored, null, "a drift scan reads the live policies of every protected resource; a dry run has no AWS to read them from"), []);
        }

        var change = EventParser.Parse(eventJson);
        if (ResourceResolver.WrongFunction(function, change) is { } wrong)
        {
            return new Result(new InvocationResult(Outcome.Ignored, change.EventId, wrong), []);
        }

        var assumptions = new List<string>();
        string? Env(string name)
        {
            var value = environment(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }

            switch (name)
            {
                case "GUARDRAIL_SPECTRUM_ROLES":
                    var role = change.IsTrustPolicyChange && change.RoleName is { } name2 ? name2 : "redshift";
                    var assumed = AwsArn.Role(change.Partition, change.Account, role);
                    assumptions.Add($"GUARDRAIL_SPECTRUM_ROLES is not set: assuming the Spectrum role {assumed}");
                    return assumed;
                case "GUARDRAIL_ACCOUNT_ID":
                    assumptions.Add($"GUARDRAIL_ACCOUNT_ID is not set: assuming the guarded account is the event's recipient, {change.Account} (the deployed functions never take it from the event)");
                    return change.Account;
                case "GUARDRAIL_PROTECTED_BUCKETS":
                    assumptions.Add("GUARDRAIL_PROTECTED_BUCKETS is not set: assuming every bucket is protected");
                    return "*";
                default:
                    return null;
            }
        }

        var config = GuardrailConfig.Load(Env, requireAws: false);
        var resource = ResourceResolver.Resolve(change, config, time);
        if (PolicyChangeProcessor.ReasonToIgnore(change, resource, config) is { } ignored)
        {
            return new Result(new InvocationResult(Outcome.Ignored, change.EventId, ignored, resource?.Type, resource?.Name), assumptions);
        }

        if (change.EventName != "DeleteBucketPolicy" && change.PolicyText is null)
        {
            var why = change.ParametersOmitted
                ? "CloudTrail omitted the request parameters (over 100 KB); the live policy must be fetched, which a dry run cannot do"
                : "the event carries no policy; the live policy must be fetched, which a dry run cannot do";
            return new Result(new InvocationResult(Outcome.Ignored, change.EventId, why, resource!.Type, resource.Name), assumptions);
        }

        var judgement = Judging.Judge(resource!, change.PolicyText);
        var verdict = judgement.Verdict;
        if (judgement.IsOk)
        {
            return new Result(new InvocationResult(Outcome.Ok, change.EventId, "would record this policy as the last known-good", resource!.Type, resource.Name, verdict), assumptions);
        }

        return Alerted(config, resource!, change, judgement, assumptions);
    }

    /// <summary>What the function would publish and do for a judgement that is not ok (nothing is written or published).</summary>
    internal static Result Alerted(GuardrailConfig config, IPolicyKind resource, PolicyChangeEvent change, Judgement judgement, IReadOnlyList<string> assumptions)
    {
        var verdict = judgement.Verdict;
        var wouldDo = config.RollsBack(resource.RestoreKind) && verdict.Access == AccessVerdict.Breaks
            ? "would publish this alert and roll back to the last known-good policy, if one is recorded and the policy has not changed again"
            : "would publish this alert" + (!config.Rollback ? " (GUARDRAIL_ROLLBACK is off)"
                : resource.RestoreKind is null ? $" ({resource.NoRestoreReason})"
                : !config.RollsBack(resource.RestoreKind) ? $" (rollback of {resource.RestoreKind} is not enabled)"
                : " (rollback is only for 'breaks')");
        var diff = Judging.Diff(resource, null, judgement);
        var alert = AlertComposer.Compose(new AlertContext(config.TopicArn ?? PlaceholderTopic, resource, change, judgement, Outcome.Alerted, OutcomeReason.None, wouldDo, diff, null, false));
        return new Result(new InvocationResult(Outcome.Alerted, change.EventId, wouldDo, resource.Type, resource.Name, verdict, diff, alert), assumptions);
    }
}
