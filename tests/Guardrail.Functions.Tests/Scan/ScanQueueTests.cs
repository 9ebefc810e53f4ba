using System.Text;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using Guardrail.Aws.Calls;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Scan;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Scan;

/// <summary>
/// The drift scan through a queue (issue 16, item 5) on moto: the coordinator queues one message per path, the worker
/// judges them with partial batch responses, the tally publishes the summary once.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ScanQueueTests(MotoServer moto)
{
    [Fact]
    public async Task A_queued_scan_enqueues_exactly_one_message_per_path_and_judges_no_path_itself()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 4, paths: 12);
        var counter = new AwsCallCounter();

        var result = await Sandbox.InvokeAsync(new DriftScanFunction(world.Host("drift-scan", counter)).Handle, "{}");

        var messages = await DrainAsync(world);
        Assert.Equal(12, messages.Count);
        var parsed = messages.Select(m => ScanMessage.Parse(m.Body)).ToList();
        Assert.Equal(world.Paths.Select(p => $"path#{p.Name}").Order(), parsed.Select(m => m.Path).Order());
        Assert.Single(parsed.Select(m => m.Scan).Distinct());
        Assert.All(parsed, m => Assert.Equal(12, m.Paths));
        Assert.Contains(result["resources"]!.AsArray(), r => r!["reason"]!.GetValue<string>().Contains("12 paths queued", StringComparison.Ordinal));
        Assert.DoesNotContain(result["resources"]!.AsArray(), r => r!["resource"]?["type"]?.GetValue<string>() == "access-path");

        // A document's buckets and roles go with their paths to the workers too: the coordinator judges none.
        Assert.DoesNotContain(result["resources"]!.AsArray(), r => r!["resource"]?["type"]?.GetValue<string>() is "bucket-policy" or "trust-policy");
    }

    [Fact]
    public async Task Without_the_queue_variable_the_scan_judges_its_paths_itself_as_before()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 2, paths: 2);

        var result = await Sandbox.InvokeAsync(new DriftScanFunction(world.Host("drift-scan", queue: false)).Handle, "{}");

        Assert.Empty(await DrainAsync(world));
        Assert.True(2 == result["resources"]!.AsArray().Count(r => r!["resource"]?["type"]?.GetValue<string>() == "access-path"), result.ToJsonString());
    }

    [Fact]
    public async Task The_worker_reports_exactly_the_path_that_could_not_be_judged_and_the_summary_comes_once_with_the_right_counts()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 4, paths: 8);
        var broken = new PathEntry("p-missing", world.Paths[0].RoleChain, null, [new TableEntry(world.Producers[0], OrgScanWorld.Region, "lake-no-such-bucket", "t/")]);
        var document = world.Document([.. world.Paths, broken]);
        await Sandbox.InvokeAsync(new DriftScanFunction(world.Host("drift-scan", document: document)).Handle, "{}");
        await world.AlertsAsync();

        using var worker = new PathScanWorkerFunction(world.Host("path-scan-worker", document: document));
        var failed = new List<string>();
        var brokenIds = new List<string>();
        while (await world.ReceiveBatchAsync() is { } batch)
        {
            brokenIds.AddRange(batch.Messages.Where(m => m.Body.Contains("p-missing", StringComparison.Ordinal)).Select(m => m.MessageId));
            var response = await Sandbox.InvokeAsync(worker.Handle, batch.Event);
            failed.AddRange(response["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>()));
            await world.DeleteSucceededAsync(batch.Messages, response);
        }

        Assert.Equal(brokenIds, failed);

        // Both could-not-judge alerts were accepted by SNS (the log holds their message ids): the path's, and that of
        // the bucket the path names first, which the worker judged with it. (They are checked where SNS answered: moto's
        // SQS receive handed back two of the three messages its queue counted, losing one of these two.)
        var published = world.Log.ToString().Split('\n').Where(l => l.Contains("\"could not judge: alert published\"", StringComparison.Ordinal) && l.Contains("\"messageId\":\"", StringComparison.Ordinal)).ToList();
        Assert.Single(published, l => l.Contains("-> s3://lake-no-such-bucket/t/", StringComparison.Ordinal));
        Assert.Single(published, l => l.Contains("\"resource\":\"s3://lake-no-such-bucket\"", StringComparison.Ordinal));
        var alerts = await world.AlertsAsync();
        var digest = Assert.Single(alerts, a => a["Subject"]!.GetValue<string>().StartsWith("[DRIFT SCAN]", StringComparison.Ordinal));
        var counts = JsonNode.Parse(digest["Message"]!.GetValue<string>())!;
        Assert.Equal(9, counts["paths"]!.GetValue<int>());
        Assert.Equal(1, counts["couldNotJudge"]!.GetValue<int>());
        Assert.Equal(8, counts["ok"]!.GetValue<int>() + counts["atRisk"]!.GetValue<int>() + counts["breaks"]!.GetValue<int>());
        var log = world.Log.ToString();
        Assert.Single(log.Split('\n'), l => l.Contains("\"drift scan summary\"", StringComparison.Ordinal));
        Assert.Single(log.Split('\n'), l => l.Contains("\"ScanPathsCouldNotJudge\":1", StringComparison.Ordinal));

        // SQS delivers the failed message again: judged again and reported again, never counted twice or summarised again.
        var again = await Sandbox.InvokeAsync(worker.Handle, Event(("retry-1", ScanBody(world, "path#p-missing", log))));
        Assert.Equal("retry-1", Assert.Single(again["batchItemFailures"]!.AsArray())!["itemIdentifier"]!.GetValue<string>());
        Assert.Single(world.Log.ToString().Split('\n'), l => l.Contains("\"drift scan summary\"", StringComparison.Ordinal));
        Assert.DoesNotContain(await world.AlertsAsync(), a => a["Subject"]!.GetValue<string>().StartsWith("[DRIFT SCAN]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_body_and_an_unknown_path_are_dropped_with_one_log_line_each_and_not_retried()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 2, paths: 1);
        using var worker = new PathScanWorkerFunction(world.Host("path-scan-worker"));
        var forged = new ScanMessage("20261207T130000Z-00000000", "path#nobody", DateTimeOffset.UtcNow, 1).ToJson();

        var response = await Sandbox.InvokeAsync(worker.Handle, Event(
            ("bad-1", "{\"scan\":\"x\"}\n[ALERT] forged line\u001b[31m"),
            ("bad-2", "{\"scan\":\"s-1\",\"path\":\"path#p000\",\"startedAt\":\"2026-12-07T13:00:00Z\",\"paths\":1,\"extra\":true}"),
            ("unknown-1", forged)));

        Assert.Empty(response["batchItemFailures"]!.AsArray());
        var lines = world.Log.ToString().Split('\n');
        Assert.Equal(2, lines.Count(l => l.Contains("a scan message is malformed", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("names no configured path", StringComparison.Ordinal) && l.Contains("unknown-1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("[ALERT]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"path scanned\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shared_documents_are_read_once_per_scan_in_one_worker()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 4, paths: 8);
        await Sandbox.InvokeAsync(new DriftScanFunction(world.Host("drift-scan")).Handle, "{}");
        var counter = new AwsCallCounter();
        using var worker = new PathScanWorkerFunction(world.Host("path-scan-worker", counter));

        // Four batches of two: the cache is kept across the batches of the scan.
        while (await world.ReceiveBatchAsync(max: 2) is { } batch)
        {
            var response = await Sandbox.InvokeAsync(worker.Handle, batch.Event);
            Assert.Empty(response["batchItemFailures"]!.AsArray());
            await world.DeleteSucceededAsync(batch.Messages, response);
        }

        var counts = counter.Counts;
        var detail = string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));

        // Levels: root, 2 OUs, 4 accounts; each level's SCPs and RCPs listed once, each policy read once.
        Assert.True(counts.GetValueOrDefault("organizations:ListPoliciesForTarget") == 2 * (1 + 2 + 4), detail);
        Assert.True(counts.GetValueOrDefault("organizations:DescribePolicy") == 2 * (1 + 2) + 2, detail);
        Assert.True(counts.GetValueOrDefault("organizations:DescribeOrganization") == 1, detail);
        Assert.True(counts.GetValueOrDefault("sts:AssumeRole") == 4, detail);

        // The managed policy the readers of a consumer account share: read once per account.
        Assert.True(counts.GetValueOrDefault("iam:GetPolicyVersion") == world.Consumers.Count, detail);
    }

    [Fact]
    public void A_queue_url_that_is_not_one_is_a_configuration_problem()
    {
        Assert.Null(Configuration.ScanQueueUrl.Problem("https://sqs.us-east-1.amazonaws.com/123456789012/spectrum-guardrail-scan"));
        Assert.Null(Configuration.ScanQueueUrl.Problem("http://127.0.0.1:5000/123456789012/scan.fifo"));
        Assert.NotNull(Configuration.ScanQueueUrl.Problem("https://sqs.us-east-1.amazonaws.com/spectrum-guardrail-scan"));
        Assert.NotNull(Configuration.ScanQueueUrl.Problem("arn:aws:sqs:us-east-1:123456789012:scan"));
        Assert.NotNull(Configuration.ScanQueueUrl.Problem("https://sqs.us-east-1.amazonaws.com/123456789012/scan?x=1"));
    }

    private static string ScanBody(OrgScanWorld world, string path, string log)
    {
        // The scan id of the scan that ran: from its "queued" log line.
        var line = log.Split('\n').First(l => l.Contains("\"drift scan queued its paths\"", StringComparison.Ordinal));
        var scan = JsonNode.Parse(line)!["scan"]!.GetValue<string>();
        _ = world;
        return new ScanMessage(scan, path, DateTimeOffset.UtcNow, 9).ToJson();
    }

    private static string Event(params (string Id, string Body)[] records) =>
        new JsonObject { ["Records"] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject { ["messageId"] = r.Id, ["body"] = r.Body, ["eventSource"] = "aws:sqs" })]) }.ToJsonString();

    private static async Task<List<Message>> DrainAsync(OrgScanWorld world)
    {
        var all = new List<Message>();
        while (await world.ReceiveBatchAsync() is { } batch)
        {
            all.AddRange(batch.Messages);
            foreach (var message in batch.Messages)
            {
                await world.Sqs.DeleteMessageAsync(world.ScanQueueUrl, message.ReceiptHandle);
            }
        }

        return all;
    }
}
