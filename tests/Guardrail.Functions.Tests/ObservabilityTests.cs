using System.Text.Json.Nodes;
using Guardrail.Functions.Observability;

namespace Guardrail.Functions.Tests;

public sealed class ObservabilityTests
{
    [Theory]
    [InlineData("AccessDenied\n{\"level\":\"INFO\",\"message\":\"ok\"}")]
    [InlineData("\r\u001b[2J\u0007")]
    [InlineData("evil\u202e\u2066\u200e\u061c")]
    [InlineData("a\u200b\u200d\u2060\ufeff\u00adb")]
    [InlineData("a\u2028b\u2029c\u0085")]
    public void A_logged_value_is_json_escaped_so_the_line_holds_nothing_raw(string value)
    {
        using var output = new StringWriter();
        var log = new JsonLog("bucket-policy", output, TimeProvider.System);

        log.Error($"rejected: {value}", ("reason", value), ("userAgent", value));

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(Core.Text.SafeText.IsPrintable(line), line);
        Assert.Equal(value, JsonNode.Parse(line)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Log_lines_are_single_json_objects_with_powertools_keys_and_metrics_are_emf()
    {
        using var output = new StringWriter();
        var log = new JsonLog("bucket-policy", output, TimeProvider.System);
        var metrics = new Metrics(log, TimeProvider.System);

        log.BeginInvocation("event-1");
        log.Warn("breaks: alert published", ("resource", "s3://lake"));
        metrics.Count("Violations", rule: "vpce-restriction");
        log.BeginInvocation("event-2");
        log.Info("ok");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, lines.Count);
        var (first, emf, second) = (lines[0], lines[1], lines[2]);
        Assert.Equal("WARN", first["level"]!.GetValue<string>());
        Assert.Equal("bucket-policy", first["service"]!.GetValue<string>());
        Assert.Equal("event-1", first["correlation_id"]!.GetValue<string>());
        Assert.Equal("s3://lake", first["resource"]!.GetValue<string>());
        Assert.Equal("event-2", second["correlation_id"]!.GetValue<string>());

        // Only the process's first invocation is a cold start.
        Assert.False(second["cold_start"]!.GetValue<bool>());

        var directive = emf["_aws"]!["CloudWatchMetrics"]![0]!;
        Assert.Equal("SpectrumGuardrail", directive["Namespace"]!.GetValue<string>());
        Assert.Equal(["service", "rule"], directive["Dimensions"]![0]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("Violations", directive["Metrics"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(1, emf["Violations"]!.GetValue<double>());
        Assert.Equal("vpce-restriction", emf["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invocations_id_holds_for_every_line_it_logs_even_beside_another_invocation()
    {
        using var output = new StringWriter();
        var log = new JsonLog("bucket-policy", output, TimeProvider.System);
        using var bothStarted = new Barrier(2);

        async Task RunAsync(string id)
        {
            await Task.Yield();
            using var invocation = log.StartInvocation(id);
            bothStarted.SignalAndWait(TimeSpan.FromSeconds(10));

            // Code the handler runs may begin "its" invocation again (the drift scan begins one with no id): the handler's holds.
            log.BeginInvocation(null);
            log.Info("line", ("count", 3), ("ratio", 0.5), ("flag", true), ("nothing", null), ("id", id));
        }

        await Task.WhenAll(Task.Run(() => RunAsync("event-a")), Task.Run(() => RunAsync("event-b")));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(l["id"]!.GetValue<string>(), l["correlation_id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(System.Text.Json.JsonValueKind.Number, l["count"]!.GetValueKind()));
        Assert.All(lines, l => Assert.Equal(0.5, l["ratio"]!.GetValue<double>()));
        Assert.All(lines, l => Assert.True(l["flag"]!.GetValue<bool>()));
        Assert.All(lines, l => Assert.True(l.ContainsKey("nothing") && l["nothing"] is null));
    }
}
