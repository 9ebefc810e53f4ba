using System.Text.Json.Nodes;
using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Text;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Runs tests/cases/alerts/email-text.json: values from a policy, an event or AWS that hold line breaks, terminal
/// escapes, bidirectional controls or invisible characters reach the alert email and subject escaped and cut, and can
/// never forge a line of their own.
/// </summary>
public sealed class AlertTextCaseTests
{
    private const string File = "email-text.json";
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:alerts";
    private const string LastLine = "What the guardrail did:";

    private static readonly Dictionary<string, string?> Configuration = new()
    {
        ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift",
        ["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket",
        ["GUARDRAIL_ACCOUNT_ID"] = "123456789012",
    };

    public static TheoryData<string> Names => [.. EventCase.Cases(File, "alerts").Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = EventCase.Cases(File, "alerts").Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        EventCase.AssertCites(c);

        var alert = Compose(c, EventCase.Text(c));

        var lines = alert.Email.TrimEnd('\n').Split('\n');
        Assert.DoesNotContain('\r', alert.Email);
        Assert.All(lines, line => Assert.True(SafeText.IsPrintable(line), $"a character is not escaped in: {line}"));
        Assert.Equal(lines.Length - 1, Assert.Single(lines.Index(), l => l.Item.StartsWith(LastLine, StringComparison.Ordinal)).Index);
        Assert.True(alert.Subject.Length <= AlertComposer.MaxSubjectLength, alert.Subject);
        Assert.All(alert.Subject, ch => Assert.InRange(ch, ' ', '~'));
        foreach (var shown in c["shown"]?.AsArray() ?? [])
        {
            Assert.Contains(shown!.GetValue<string>(), alert.Email, StringComparison.Ordinal);
        }

        foreach (var shown in c["subjectShown"]?.AsArray() ?? [])
        {
            Assert.Contains(shown!.GetValue<string>(), alert.Subject, StringComparison.Ordinal);
        }

        if (c["maxLineLength"]?.GetValue<int>() is { } max)
        {
            Assert.All(lines, line => Assert.True(line.Length <= max, $"{line.Length} characters"));
        }
    }

    private static SnsMessage Compose(JsonObject c, string eventText)
    {
        var function = c["function"]!.GetValue<string>();
        switch (c["composer"]!.GetValue<string>())
        {
            case "dry-run":
                return DryRunAlert(function, eventText);
            case "delayed":
                return DelayedAlert.Mark(DryRunAlert(function, eventText), c["note"]!.GetValue<string>());
        }

        var change = EventParser.Parse(eventText);
        var config = GuardrailConfig.Load(n => Configuration.GetValueOrDefault(n), requireAws: false);
        var kind = ResourceResolver.Resolve(change, config, TimeProvider.System)!;
        if (c["composer"]!.GetValue<string>() == "could-not-judge")
        {
            return CouldNotJudgeAlert.Compose(Topic, kind, change, OutcomeReason.None, new InvalidOperationException(c["error"]!.GetValue<string>()));
        }

        var judgement = Judging.Judge(kind, change.PolicyText);
        var knownGood = new KnownGoodPolicy("key", null, "hash", "0f1e2d3c-4b5a-6978-8a9b-000000000000", change.Time.AddDays(-1), c["knownGoodActor"]!.GetValue<string>());
        var context = new AlertContext(Topic, kind, change, judgement, Outcome.RollbackFailed, OutcomeReason.None, c["reason"]!.GetValue<string>(), StatementDiff.Compare(null, judgement.Policy), knownGood, NewerChangeExists: false);
        return AlertComposer.Compose(context);
    }

    private static SnsMessage DryRunAlert(string function, string eventText) =>
        DryRun.Run(function, eventText, _ => null, TimeProvider.System).Invocation.Alert ?? throw new InvalidOperationException("the dry run published no alert");
}
