using System.Text;
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

    public void Count(string name, double value = 1, string? rule = null) => Write([(name, value, "Count")], rule);

    /// <summary>Several metrics in one EMF line (one metric set, e.g. a scan's summary), with the <c>service</c> dimension.</summary>
    public void Set(IReadOnlyList<(string Name, double Value, string Unit)> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Write(metrics, null);
    }

    // Written field by field: the metric's name is a property name, so there is no fixed shape to serialize (and no
    // reflection, which Native AOT could not keep).
    private void Write(IReadOnlyList<(string Name, double Value, string Unit)> metrics, string? rule)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            w.WriteStartObject();
            w.WriteString("Namespace", Namespace);
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue("service");
            if (rule is not null)
            {
                w.WriteStringValue("rule");
            }

            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            foreach (var (name, _, unit) in metrics)
            {
                w.WriteStartObject();
                w.WriteString("Name", name);
                w.WriteString("Unit", unit);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("service", log.Service);
            foreach (var (name, value, _) in metrics)
            {
                w.WriteNumber(name, value);
            }

            if (rule is not null)
            {
                w.WriteString("rule", rule);
            }

            w.WriteEndObject();
        }

        log.Raw(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
