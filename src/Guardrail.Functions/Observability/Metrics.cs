using System.Text.Json;

namespace Guardrail.Functions.Observability;

/// <summary>
/// CloudWatch Embedded Metric Format lines (namespace <c>SpectrumGuardrail</c>): evaluations, violations, rollbacks,
/// failures, and violations by rule, written to the log where CloudWatch turns them into metrics without API calls.
/// </summary>
public sealed class Metrics
{
    public const string Namespace = "SpectrumGuardrail";

    private readonly JsonLog log;
    private readonly TimeProvider time;

    public Metrics(JsonLog log, TimeProvider time)
    {
        this.log = log;
        this.time = time;
    }

    public void Count(string name, double value = 1, string? rule = null)
    {
        var dimensions = rule is null ? new[] { "service" } : new[] { "service", "rule" };
        var line = new Dictionary<string, object>
        {
            ["_aws"] = new Dictionary<string, object>
            {
                ["Timestamp"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
                ["CloudWatchMetrics"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["Namespace"] = Namespace,
                        ["Dimensions"] = new[] { dimensions },
                        ["Metrics"] = new[] { new Dictionary<string, string> { ["Name"] = name, ["Unit"] = "Count" } },
                    },
                },
            },
            ["service"] = log.Service,
            [name] = value,
        };
        if (rule is not null)
        {
            line["rule"] = rule;
        }

        log.Raw(JsonSerializer.Serialize(line));
    }
}
