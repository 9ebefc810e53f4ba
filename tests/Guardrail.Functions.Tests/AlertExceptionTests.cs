using System.Text.Json.Nodes;
using Guardrail.Core.Findings.Exceptions;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;

namespace Guardrail.Functions.Tests;

/// <summary>The configuration's exceptions mark findings in alerts, and never stop a rollback.</summary>
public sealed class AlertExceptionTests
{
    private static ProcessorHarness WithExceptions(params FindingException[] exceptions)
    {
        var h = new ProcessorHarness();
        h.Config = h.Config with { Document = new ConfigDocument(1, null, PathDefaults.None, []) { Exceptions = exceptions } };
        return h;
    }

    [Fact]
    public async Task An_excepted_lockout_is_still_rolled_back_and_its_alert_marks_the_finding_excepted()
    {
        var h = WithExceptions(new FindingException("vpce-restriction", Sandbox.Bucket, null, "Moving to serverless (DATA-1234)", new DateOnly(2099, 1, 1)));
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (text, _) =>
        {
            h.Store.Live = text;
            return Task.CompletedTask;
        };

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.RolledBack, result.Outcome);
        var body = h.AlertBody(0);
        var findings = body["findings"]!.AsArray();
        var excepted = Assert.Single(body["exceptedFindings"]!.AsArray())!;
        Assert.Equal("vpce-restriction", findings[excepted["finding"]!.GetValue<int>()]!["rule"]!.GetValue<string>());
        Assert.Equal("Moving to serverless (DATA-1234)", excepted["reason"]!.GetValue<string>());
        Assert.Empty(body["exceptionsExpired"]!.AsArray());
        Assert.Contains("  Excepted: Moving to serverless (DATA-1234) (until 2099-01-01)", h.Sns.Published[0].Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_exception_excepts_nothing_and_is_told_of()
    {
        var h = WithExceptions(new FindingException("vpce-restriction", $"arn:aws:s3:::{Sandbox.Bucket}", null, "Old window", new DateOnly(2000, 1, 1)));
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (text, _) =>
        {
            h.Store.Live = text;
            return Task.CompletedTask;
        };

        await h.RunAsync("bucket-put-vpce-lockout");

        var body = h.AlertBody(0);
        Assert.Empty(body["exceptedFindings"]!.AsArray());
        Assert.Equal("exception-expired", Assert.Single(body["exceptionsExpired"]!.AsArray())!["rule"]!.GetValue<string>());
        Assert.DoesNotContain("Excepted:", h.Sns.Published[0].Email, StringComparison.Ordinal);
        Assert.Contains("exception-expired in the configuration's exceptions", h.Sns.Published[0].Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_exceptions_the_alert_has_no_exception_fields()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (text, _) =>
        {
            h.Store.Live = text;
            return Task.CompletedTask;
        };

        await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Null(h.AlertBody(0)["exceptedFindings"]);
    }
}
