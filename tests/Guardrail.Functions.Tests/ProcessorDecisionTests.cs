using Guardrail.Aws.Query;
using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;

namespace Guardrail.Functions.Tests;

/// <summary>Every decision branch of the event processor, over in-memory fakes (no moto): fast and exact.</summary>
public sealed class ProcessorDecisionTests
{
    private const string EventId = "0f1e2d3c-4b5a-6978-8a9b-000000000001";

    [Fact]
    public async Task An_ok_policy_becomes_known_good_and_nothing_is_published()
    {
        var h = new ProcessorHarness();

        await h.RecordKnownGoodAsync();

        Assert.Empty(h.Sns.Published);
        Assert.Equal(h.Hash(Sandbox.Policy("bucket-put-benign")), (await h.State.GetKnownGoodAsync(h.Kind.Key, default)).Value!.Hash);
    }

    [Fact]
    public async Task A_lockout_is_rolled_back_and_its_alert_is_on_record_before_the_write()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        AlertStage? stageAtWrite = null;
        h.Store.OnWrite = (text, _) =>
        {
            stageAtWrite = h.State.Outbox.GetValueOrDefault(h.ClaimKey("bucket-put-vpce-lockout"))?.Stage;
            h.Store.Live = text;
            return Task.CompletedTask;
        };

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.RolledBack, result.Outcome);
        Assert.Equal(AlertStage.Planned, stageAtWrite);
        Assert.Equal(AlertStage.Published, h.State.Outbox[h.ClaimKey("bucket-put-vpce-lockout")].Stage);
        Assert.Equal("rolled-back", h.Sns.Attribute(0, "outcome"));
        Assert.Equal(h.Hash(Sandbox.Policy("bucket-put-benign")), h.Hash(h.Store.Live));
    }

    [Fact]
    public async Task An_attempt_that_died_after_planning_its_rollback_still_gets_its_alert_when_the_retry_finds_another_ok_state()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();

        // The attempt dies right after the write, which never lands; someone else then puts another ok policy.
        h.Store.OnWrite = (_, _) => throw new OperationCanceledException("killed");
        await Assert.ThrowsAnyAsync<Exception>(() => h.RunAsync("bucket-put-vpce-lockout"));
        Assert.Equal(AlertStage.Planned, h.State.Outbox[h.ClaimKey("bucket-put-vpce-lockout")].Stage);
        h.Store.OnWrite = null;
        h.Store.Live = Sandbox.Policy("bucket-put-benign").Replace("\"Version\"", "\"Id\": \"another\", \"Version\"", StringComparison.Ordinal);

        var retry = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.Ok, retry.Outcome);
        Assert.Equal(AlertStage.Published, h.State.Outbox[h.ClaimKey("bucket-put-vpce-lockout")].Stage);
        Assert.Contains(h.Sns.Published, m => m.Subject.StartsWith("[DELAYED]", StringComparison.Ordinal) || m.Default.Contains("\"delivery\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rollback_write_that_fails_is_published_as_rollback_failed_then_the_invocation_fails_and_the_retry_tries_again()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (_, _) => throw new AwsServiceException("s3", "InternalError", "we encountered an internal error", System.Net.HttpStatusCode.InternalServerError, null);

        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout"));
        h.Store.OnWrite = null;
        var retry = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.IsType<AwsServiceException>(failure.InnerException);
        Assert.StartsWith("[ROLLBACK FAILED] bucket-policy s3://amzn-s3-demo-bucket", h.Sns.Published[0].Subject, StringComparison.Ordinal);
        Assert.Equal("rollback-failed", h.Sns.Attribute(0, "outcome"));
        Assert.Equal("critical", h.Sns.Attribute(0, "severity"));
        Assert.Equal("rollback-write-failed", h.AlertBody(0)["reasonCode"]!.GetValue<string>());
        Assert.Equal(1, h.State.Released);
        Assert.Equal(Outcome.RolledBack, retry.Outcome);
        Assert.Equal(2, h.Sns.Published.Count);
    }

    [Fact]
    public async Task An_attempt_killed_before_its_write_landed_does_not_count_toward_the_circuit_breaker()
    {
        var h = new ProcessorHarness(("GUARDRAIL_MAX_ROLLBACKS", "1"));
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (_, _) => throw new OperationCanceledException("killed");

        await Assert.ThrowsAnyAsync<Exception>(() => h.RunAsync("bucket-put-vpce-lockout"));
        var history = (await h.State.GetRollbacksAsync(h.Kind.Key, DateTimeOffset.MinValue, default)).Value!;
        h.Store.OnWrite = null;
        h.Time.Offset = TimeSpan.FromMinutes(2);
        var retry = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Empty(history.Times);
        Assert.Equal(Outcome.RolledBack, retry.Outcome);
        Assert.True(retry.DelayedAlert);
    }

    [Fact]
    public async Task A_break_glass_parameter_that_cannot_be_read_means_no_rollback_and_an_alert_that_says_why()
    {
        var h = new ProcessorHarness(("GUARDRAIL_BREAK_GLASS_PARAMETER", "/spectrum-guardrail/break-glass"));
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.BreakGlass = new FakeBreakGlass(() => throw new AwsServiceException("ssm", "ThrottlingException", "rate exceeded", System.Net.HttpStatusCode.BadRequest, null));

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal((Outcome.RollbackSkipped, OutcomeReason.Error), (result.Outcome, result.ReasonCode));
        Assert.Equal(0, h.Store.Writes);
        Assert.Contains("break-glass parameter", h.AlertBody(0)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_that_cannot_be_planned_writes_nothing_and_is_alerted_at_once()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.Kind = new UnplannableKind(h.Kind);
        h.PutLockout();

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal((Outcome.RollbackSkipped, OutcomeReason.Error), (result.Outcome, result.ReasonCode));
        Assert.Equal(0, h.Store.Writes);
        Assert.Contains("could not be planned", h.AlertBody(0)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_AWS_refuses_says_the_resource_is_not_marked_protected()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (_, _) => throw new AwsServiceException("s3", "AccessDenied", "explicit deny in a resource-based policy", System.Net.HttpStatusCode.Forbidden, null);

        await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout"));

        Assert.Equal("rollback-failed", h.Sns.Attribute(0, "outcome"));
        Assert.Equal("critical", h.Sns.Attribute(0, "severity"));
        Assert.Equal("rollback-not-permitted", h.AlertBody(0)["reasonCode"]!.GetValue<string>());
        Assert.Contains("marked protected", h.AlertBody(0)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_that_does_not_stick_is_rollback_failed()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (_, _) => Task.CompletedTask;

        await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout"));

        Assert.Equal("rollback-failed", h.Sns.Attribute(0, "outcome"));
        Assert.Equal("rollback-not-verified", h.AlertBody(0)["reasonCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_attempt_that_dies_right_after_the_write_leaves_its_alert_for_the_retry()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Store.OnWrite = (text, _) =>
        {
            h.Store.Live = text;
            throw new OperationCanceledException("killed right after the write");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync("bucket-put-vpce-lockout"));
        var published = h.Sns.Published.Count;
        h.Store.OnWrite = null;
        var retry = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(0, published);
        Assert.Equal(Outcome.RolledBack, retry.Outcome);
        Assert.True(retry.DelayedAlert);
        Assert.Equal(1, h.Store.Writes);
        var alert = Assert.Single(h.Sns.Published);
        Assert.StartsWith("[DELAYED][ROLLED BACK]", alert.Subject, StringComparison.Ordinal);
        Assert.Equal("retry", h.Sns.Attribute(0, "delivery"));
        Assert.Contains("rolled the policy back at", h.AlertBody(0)["delivery"]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("stopped before publishing", alert.Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publish_failure_after_a_rollback_is_published_by_the_retry_saying_what_was_done()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        h.Sns.FailuresLeft = 1;

        await Assert.ThrowsAsync<AwsServiceException>(() => h.RunAsync("bucket-put-vpce-lockout"));
        var retry = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.RolledBack, retry.Outcome);
        Assert.Equal(1, h.Store.Writes);
        var note = h.AlertBody(0)["delivery"]!["note"]!.GetValue<string>();
        Assert.Contains("rolled the policy back at", note, StringComparison.Ordinal);
        Assert.Contains("could not be published (AwsServiceException", note, StringComparison.Ordinal);
        Assert.Single(h.Sns.Published);
    }

    [Fact]
    public async Task The_deadline_while_judging_publishes_could_not_judge_and_gives_the_event_back()
    {
        var h = new ProcessorHarness();
        h.PutLockout();
        h.Store.BeforeRead = (_, token) => Task.Delay(Timeout.Infinite, token);

        await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout", timeoutSeconds: 3));

        Assert.Equal("could-not-judge", h.Sns.Attribute(0, "outcome"));
        Assert.Equal("high", h.Sns.Attribute(0, "severity"));
        Assert.Equal("deadline", h.AlertBody(0)["reasonCode"]!.GetValue<string>());
        Assert.Equal(1, h.State.Released);
    }

    [Fact]
    public async Task A_state_table_that_cannot_be_reached_at_the_claim_is_reported_before_the_invocation_fails()
    {
        var h = new ProcessorHarness();
        h.PutLockout();
        h.State.ClaimFailure = new TimeoutException("the state table did not answer");

        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout"));

        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Equal("could-not-judge", h.Sns.Attribute(0, "outcome"));
        Assert.Equal("TimeoutException", h.AlertBody(0)["error"]!["class"]!.GetValue<string>());
    }

    [Fact]
    public async Task Judging_that_throws_publishes_could_not_judge_naming_resource_event_and_error_class()
    {
        var h = new ProcessorHarness();
        h.PutLockout();
        h.Kind = new ThrowingKind(h.Kind);

        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => h.RunAsync("bucket-put-vpce-lockout"));

        Assert.IsType<InvalidOperationException>(failure.InnerException);
        var alert = Assert.Single(h.Sns.Published);
        Assert.StartsWith("[COULD NOT JUDGE] bucket-policy s3://amzn-s3-demo-bucket by PlatformAdmin/jdoe", alert.Subject, StringComparison.Ordinal);
        var body = h.AlertBody(0);
        Assert.Equal("InvalidOperationException", body["error"]!["class"]!.GetValue<string>());
        Assert.Equal(EventId, body["event"]!["id"]!.GetValue<string>());
        Assert.Equal("s3://amzn-s3-demo-bucket", body["resource"]!["name"]!.GetValue<string>());
        Assert.Equal(1, h.State.Released);
    }

    [Fact]
    public async Task An_open_circuit_breaker_is_its_own_outcome_and_changes_nothing()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await h.State.TryStartRollbackAsync(h.Kind.Key, h.Time.GetUtcNow(), h.Hash(Sandbox.Policy("bucket-put-benign")), h.Time.GetUtcNow(), default));
            await h.State.EndRollbackAsync(h.Kind.Key, h.Time.GetUtcNow(), default);
        }

        h.PutLockout();
        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.CircuitOpen, result.Outcome);
        Assert.Equal(0, h.Store.Writes);
        Assert.StartsWith("[CIRCUIT BREAKER]", h.Sns.Published[0].Subject, StringComparison.Ordinal);
        Assert.Equal("critical", h.Sns.Attribute(0, "severity"));
        Assert.Equal("circuit-open", h.Sns.Attribute(0, "outcome"));
    }

    [Fact]
    public void The_alert_decides_on_the_outcome_never_on_the_reason_text()
    {
        var h = new ProcessorHarness();
        var judgement = Judging.Judge(h.Kind, Sandbox.Policy("bucket-put-vpce-lockout"));
        var skipped = new AlertContext(ProcessorHarness.Topic, h.Kind, null, judgement, Outcome.RollbackSkipped, OutcomeReason.NoKnownGood, "circuit breaker open: words only", [], null, false);
        var open = skipped with { Outcome = Outcome.CircuitOpen, ReasonCode = OutcomeReason.None, Reason = "any words" };

        Assert.StartsWith("[BREAKS]", AlertComposer.Subject(skipped), StringComparison.Ordinal);
        Assert.StartsWith("[CIRCUIT BREAKER]", AlertComposer.Subject(open), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_change_that_is_the_guardrails_own_rollback_is_named_so()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        var benign = Sandbox.Policy("bucket-put-benign");

        // Between this judgement and its rollback, the invocation for another event restores the known-good policy.
        ChangeBeforeTheRollback(h, async token =>
        {
            Assert.True(await h.State.TryStartRollbackAsync(h.Kind.Key, h.Time.GetUtcNow(), h.Hash(benign), h.Time.GetUtcNow(), token));
            h.Store.Live = benign;
        });
        var result = await h.RunAsync("bucket-put-vpce-lockout", e => e["detail"]!["eventID"] = "another-event");

        Assert.Equal(Outcome.RollbackSkipped, result.Outcome);
        Assert.Equal(OutcomeReason.NewerChangeByGuardrail, result.ReasonCode);
        Assert.Contains("already rolled this policy back", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, h.Store.Writes);
    }

    [Fact]
    public async Task A_newer_change_by_someone_else_is_named_so_and_never_overwritten()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        var newer = Sandbox.Policy("bucket-put-short-signature-age");
        ChangeBeforeTheRollback(h, _ =>
        {
            h.Store.Live = newer;
            return Task.CompletedTask;
        });

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.RollbackSkipped, result.Outcome);
        Assert.Equal(OutcomeReason.NewerChangeByOther, result.ReasonCode);
        Assert.Equal("newer-change-by-other", h.AlertBody(0)["reasonCode"]!.GetValue<string>());
        Assert.Equal(newer, h.Store.Live);
    }

    [Fact]
    public async Task While_another_invocation_rolls_the_resource_back_no_second_rollback_is_written()
    {
        var h = new ProcessorHarness();
        await h.RecordKnownGoodAsync();
        h.PutLockout();
        var now = h.Time.GetUtcNow();
        Assert.True(await h.State.TryStartRollbackAsync(h.Kind.Key, now, h.Hash(Sandbox.Policy("bucket-put-benign")), now.AddSeconds(60), default));

        var during = await h.RunAsync("bucket-put-vpce-lockout", e => e["detail"]!["eventID"] = "during");
        await h.State.EndRollbackAsync(h.Kind.Key, h.Time.GetUtcNow(), default);
        var after = await h.RunAsync("bucket-put-vpce-lockout", e => e["detail"]!["eventID"] = "after");

        Assert.Equal((Outcome.RollbackSkipped, OutcomeReason.RollbackInProgress), (during.Outcome, during.ReasonCode));
        Assert.Equal(Outcome.RolledBack, after.Outcome);
        Assert.Equal(1, h.Store.Writes);
    }

    [Fact]
    public async Task A_duplicate_while_in_progress_does_nothing_and_a_claim_past_its_expiry_is_taken_over()
    {
        var h = new ProcessorHarness(("GUARDRAIL_ROLLBACK", "false"));
        h.PutLockout();
        var now = h.Time.GetUtcNow();
        Assert.Equal(ClaimResult.Claimed, await h.State.ClaimAsync(h.ClaimKey("bucket-put-vpce-lockout"), now, now.AddSeconds(63), default));

        var duplicate = await h.RunAsync("bucket-put-vpce-lockout");
        var (reads, published) = (h.Store.Reads, h.Sns.Published.Count);
        h.Time.Offset = TimeSpan.FromMinutes(2);
        var retry = await h.RunAsync("bucket-put-vpce-lockout");
        var again = await h.RunAsync("bucket-put-vpce-lockout");

        Assert.Equal(Outcome.Duplicate, duplicate.Outcome);
        Assert.Contains("right now", duplicate.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 0), (reads, published));
        Assert.Equal(Outcome.Alerted, retry.Outcome);
        Assert.Contains("earlier attempt claimed this event", h.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(Outcome.Duplicate, again.Outcome);
        Assert.Single(h.Sns.Published);
    }

    [Fact]
    public void A_claim_stays_in_progress_until_a_few_seconds_past_the_deadline_and_work_stops_a_margin_before()
    {
        var time = new ShiftableTime();
        using var small = new InvocationDeadline(TimeSpan.FromSeconds(3), time);
        using var large = new InvocationDeadline(TimeSpan.FromSeconds(900), time);

        Assert.Equal(TimeSpan.FromSeconds(1), small.Margin);
        Assert.Equal(TimeSpan.FromSeconds(5), large.Margin);
        Assert.Equal(small.Deadline + InvocationDeadline.ClaimGrace, small.ClaimExpiry);
        Assert.InRange(InvocationDeadline.ClaimGrace, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_timeout_comes_from_GUARDRAIL_TIMEOUT_SECONDS_and_must_be_at_least_3()
    {
        Assert.Equal(3, new ProcessorHarness(("GUARDRAIL_TIMEOUT_SECONDS", "3")).Config.TimeoutSeconds);
        Assert.Equal(60, new ProcessorHarness().Config.TimeoutSeconds);
        var e = Assert.Throws<Configuration.GuardrailConfigException>(() => new ProcessorHarness(("GUARDRAIL_TIMEOUT_SECONDS", "2")));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_TIMEOUT_SECONDS \"2\"", StringComparison.Ordinal));
    }

    /// <summary>Runs <paramref name="change"/> on the processor's second read of the next run: the one right before a rollback write.</summary>
    private static void ChangeBeforeTheRollback(ProcessorHarness h, Func<CancellationToken, Task> change)
    {
        var reRead = h.Store.Reads + 2;
        h.Store.BeforeRead = (read, token) => read == reRead ? change(token) : Task.CompletedTask;
    }
}
