using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Text;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// Builds the SNS alert: a subject of at most 100 characters (verdict, resource, actor); a readable text for email
/// subscribers and the full JSON for every other protocol (<c>MessageStructure=json</c>); and message attributes for
/// subscription filter policies (<c>verdict</c>, <c>severity</c>, <c>resourceType</c>, <c>rules</c>, <c>outcome</c>).
/// </summary>
public static class AlertComposer
{
    public const int MaxSubjectLength = 100;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SnsMessage Compose(AlertContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = new SnsMessage(context.TopicArn, Subject(context), FullJson(context), EmailText(context), Attributes(context));
        return context.DelayedNote is { } note ? DelayedAlert.Mark(message, note) : message;
    }

    public static string Subject(AlertContext context)
    {
        var tag = context.Tampering.Count > 0 ? "STATE TAMPERED" : context.Outcome switch
        {
            Outcome.RollbackRefused => "ROLLBACK REFUSED",
            Outcome.RolledBack => "ROLLED BACK",
            Outcome.CircuitOpen => "CIRCUIT BREAKER",
            Outcome.RollbackFailed => "ROLLBACK FAILED",
            _ => context.Verdict.Access == AccessVerdict.Ok ? "WEAKENED" : context.Verdict.Access.ToText().ToUpperInvariant(),
        };
        return Subject(tag, context.Resource, context.Event);
    }

    /// <summary>A subject <c>[TAG] type name by actor</c>, made SNS-safe.</summary>
    internal static string Subject(string tag, IPolicyKind resource, PolicyChangeEvent? change)
    {
        var actor = ShortActor(change?.Actor.Arn);
        var subject = $"[{tag}] {resource.Type} {EmailLines.Value(resource.Name)}" + (actor is null ? string.Empty : $" by {EmailLines.Value(actor)}");
        return Clean(subject);
    }

    /// <summary>
    /// SNS subjects must be ASCII-printable without line breaks, at most 100 characters: what SafeText escapes (controls,
    /// bidirectional and invisible characters) is shown as its escape, any other non-ASCII character as <c>?</c>.
    /// </summary>
    internal static string Clean(string subject)
    {
        var clean = new string([.. SafeText.Line(subject).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return clean.Length <= MaxSubjectLength ? clean : clean[..(MaxSubjectLength - 3)] + "...";
    }

    /// <summary>For a path, how many findings its hops left out of the report (each hop reports its first 100).</summary>
    private static int OmittedFindings(AlertContext context) => context.Judgement.Hops?.Sum(h => h.FindingsOmitted) ?? 0;

    public static string HighestSeverity(Verdict verdict) =>
        verdict.Findings.Count == 0 ? "info" : verdict.Findings.Max(f => f.Severity).ToText();

    private static List<SnsAttribute> Attributes(AlertContext context)
    {
        var rules = context.Verdict.Findings.Select(f => f.Rule).Distinct().ToList();
        var severity = context.Outcome is Outcome.CircuitOpen or Outcome.RollbackFailed || context.Tampering.Count > 0 || context.ReasonCode == OutcomeReason.StateTampered ? "critical"
            : context.Outcome is Outcome.RollbackRefused ? "high"
            : HighestSeverity(context.Verdict);
        return
        [
            new("verdict", "String", context.Verdict.Access.ToText()),
            new("severity", "String", severity),
            new("resourceType", "String", context.Resource.Type),
            new("rules", "String.Array", JsonSerializer.Serialize(rules, AlertJson.Default.ListString)),
            new("outcome", "String", context.Outcome.ToText()),
        ];
    }

    private static string FullJson(AlertContext context)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            VerdictJson.WriteProperties(w, context.Verdict);
            w.WriteString("outcome", context.Outcome.ToText());
            if (context.Judgement.PathLine is { } path)
            {
                w.WriteString("path", path);
                w.WriteNumber("findingsOmitted", OmittedFindings(context));
            }

            if (context.ReasonCode != OutcomeReason.None)
            {
                w.WriteString("reasonCode", context.ReasonCode.ToText());
            }

            if (context.Reason is not null)
            {
                w.WriteString("reason", context.Reason);
            }

            if (context.Exceptions is { } exceptions)
            {
                AlertExceptions.WriteJson(w, context.Verdict, exceptions);
            }

            if (context.Tampering.Count > 0)
            {
                w.WriteStartArray("stateTampered");
                foreach (var tampered in context.Tampering)
                {
                    w.WriteStartObject();
                    w.WriteString("item", tampered.ItemKey);
                    w.WriteString("problem", tampered.Problem);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            WriteResourceAndEvent(w, context.Resource, context.Event);
            w.WriteStartObject("policyHash");
            w.WriteString("knownGood", context.KnownGood?.Hash);
            w.WriteString("judged", context.Judgement.Hash);
            w.WriteEndObject();
            w.WriteBoolean("newerChangeExists", context.NewerChangeExists);
            w.WriteStartArray("diff");
            foreach (var change in context.Diff)
            {
                w.WriteStartObject();
                w.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
                w.WriteString("statement", change.Statement);
                w.WriteString("before", change.Before);
                w.WriteString("after", change.After);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The <c>resource</c> and <c>event</c> objects of an alert's JSON.</summary>
    internal static void WriteResourceAndEvent(Utf8JsonWriter w, IPolicyKind resource, PolicyChangeEvent? change)
    {
        w.WriteStartObject("resource");
        w.WriteString("type", resource.Type);
        w.WriteString("name", resource.Name);
        if (resource.Account is { } account)
        {
            w.WriteString("account", account);
        }

        if (resource.Paths.Count > 0)
        {
            w.WriteStartArray("paths");
            foreach (var path in resource.Paths)
            {
                w.WriteStringValue(path);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        if (change is { } e)
        {
            w.WriteStartObject("event");
            w.WriteString("id", e.EventId);
            w.WriteString("name", e.EventName);
            w.WriteString("time", e.Time);
            w.WriteString("account", e.Account);
            w.WriteString("region", e.Region);
            w.WriteString("actor", e.Actor.Arn);
            w.WriteString("sourceIp", e.Actor.SourceIp);
            w.WriteString("userAgent", e.Actor.UserAgent);
            w.WriteEndObject();
        }
    }

    /// <summary>Organization mode's "in account / on paths" lines (nothing in single-account mode).</summary>
    internal static void AppendResource(EmailLines text, IPolicyKind resource)
    {
        if (resource.Account is { } account)
        {
            text.Line($"Account:       {EmailLines.Value(account)}");
        }

        if (resource.Paths.Count > 0)
        {
            text.Line($"On paths:      {EmailLines.Value(string.Join(", ", resource.Paths))}");
        }
    }

    /// <summary>The "what changed / who / from / event id" lines of an email, each value escaped and cut.</summary>
    internal static void AppendEvent(EmailLines text, PolicyChangeEvent? change)
    {
        if (change is { } e)
        {
            text.Line($"What changed:  {EmailLines.Value(e.EventName)} at {e.Time:u} in account {EmailLines.Value(e.Account)} ({EmailLines.Value(e.Region)})");
            text.Line($"Who:           {EmailLines.Value(e.Actor.Arn)}");
            text.Line($"From:          {EmailLines.Value(e.Actor.SourceIp ?? "unknown address")} using {EmailLines.Value(e.Actor.UserAgent ?? "unknown client")}");
            text.Line($"Event id:      {EmailLines.Value(e.EventId)}");
        }
    }

    // Every value from a policy (Sids, condition values in the findings' messages, the diff), an event (actor, user
    // agent) or AWS (error messages in the reason) goes through EmailLines: escaped, cut, never a line of its own.
    private static string EmailText(AlertContext context)
    {
        var text = new EmailLines();
        var verdict = context.Verdict;
        var type = context.Resource.Type;
        var name = EmailLines.Value(context.Resource.Name);
        text.Line(context.Outcome == Outcome.Ok ? $"Redshift Spectrum can still read through the {type} of {name}." : verdict.Access switch
        {
            AccessVerdict.Breaks => $"Redshift Spectrum can no longer read through the {type} of {name}.",
            AccessVerdict.AtRisk => $"Redshift Spectrum may be unable to read through the {type} of {name}, depending on facts the guardrail cannot know.",
            _ => $"Redshift Spectrum can still read, but the {type} of {name} is less locked down than AWS recommends.",
        });
        text.Line();
        if (context.Tampering.Count > 0)
        {
            text.Line("STATE TAMPERED: items of the guardrail's own state table failed their integrity check. They were not obeyed.");
            text.Line("Someone other than the guardrail wrote to its table: find out who (CloudTrail data events of the table).");
            foreach (var tampered in context.Tampering)
            {
                text.Line($"  {EmailLines.Value(tampered.ItemKey)}: {EmailLines.Value(tampered.Problem)}");
            }

            text.Line();
        }

        AppendResource(text, context.Resource);
        AppendEvent(text, context.Event);
        if (context.NewerChangeExists)
        {
            text.Line("Note:          the live policy differs from the one in this event: a newer change exists, and the live policy is what was judged.");
        }

        text.Line();
        text.Line($"Verdict: {verdict.Access.ToText()}    Security: {verdict.Security.ToText()}");
        if (context.Judgement.PathLine is { } path)
        {
            text.Line($"Path:    {path}");
        }

        for (var i = 0; i < verdict.Findings.Count; i++)
        {
            var finding = verdict.Findings[i];
            text.Line();
            text.Line($"* [{finding.Severity.ToText()}] {EmailLines.Value(finding.Rule)} in {EmailLines.Value(finding.Statement)}");
            text.Line($"  {finding.Message}");
            text.Line($"  Fix: {finding.Fix}");
            if (context.Exceptions?.ExceptedBy.ElementAtOrDefault(i) is { } exception)
            {
                text.Line($"  Excepted: {AlertExceptions.Describe(exception)}");
            }
        }

        foreach (var expired in context.Exceptions?.Expired ?? [])
        {
            text.Line();
            text.Line($"* [{expired.Finding.Severity.ToText()}] {expired.Finding.Rule} in the configuration's exceptions");
            text.Line($"  {expired.Finding.Message}");
            text.Line($"  Fix: {expired.Finding.Fix}");
        }

        if (OmittedFindings(context) is > 0 and var omitted)
        {
            text.Line();
            text.Line($"* ... and {omitted:N0} more findings on the path (not shown; the verdict counts them)");
        }

        text.Line();
        text.Line(context.KnownGood is not { } good ? "Changes (no known-good policy recorded to compare with):" : $"Changes since the last known-good policy (event {EmailLines.Value(good.EventId)}, {good.Time:u}, by {EmailLines.Value(good.Actor)}):");
        if (context.Diff.Count == 0)
        {
            text.Line("  (no statement changed)");
        }

        foreach (var change in context.Diff)
        {
            text.Line($"  {change.Kind.ToString().ToLowerInvariant()} {EmailLines.Value(change.Statement)}");
            if (change.Before is not null)
            {
                text.Line($"    - {change.Before}");
            }

            if (change.After is not null)
            {
                text.Line($"    + {change.After}");
            }
        }

        text.Line();
        text.Line("What the guardrail did: " + context.Outcome switch
        {
            Outcome.RolledBack => $"rolled the policy back to the known-good version. {context.Reason}",
            Outcome.RollbackSkipped => $"did not roll back: {context.Reason}",
            Outcome.CircuitOpen => $"did not roll back, circuit breaker open: {context.Reason}",
            Outcome.RollbackRefused => $"REFUSED to roll back: {context.Reason}",
            Outcome.Ok => $"nothing: {context.Reason}",
            Outcome.RollbackFailed => $"tried to roll back and FAILED: {context.Reason} Check the live policy and restore the known-good one by hand.",
            _ => context.Reason is null ? "alerted only (automatic rollback is off or does not apply)." : $"alerted only: {context.Reason}",
        });
        return text.ToString();
    }

    private static string? ShortActor(string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION -> ROLE/SESSION; arn:aws:iam::ACCT:user/NAME -> user/NAME
        var slash = arn.Contains(':', StringComparison.Ordinal) ? arn[(arn.LastIndexOf(':') + 1)..] : arn;
        return slash.StartsWith("assumed-role/", StringComparison.Ordinal) ? slash["assumed-role/".Length..] : slash;
    }
}
