using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Aws.Sns;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// The alert for a configuration document that cannot be followed (invalid, unreadable, or not this deployment's
/// organization): severity critical, naming the location, the version and every problem (each names its element by
/// JSON path), and saying whether the functions keep following the last good document or judge nothing.
/// </summary>
public static class ConfigInvalidAlert
{
    /// <summary>The <c>outcome</c> attribute subscribers can filter on.</summary>
    public const string Outcome = "config-invalid";

    // Problems beyond this many are counted, not listed (an alert stays readable; `guardrail config validate` lists all).
    private const int ListedProblems = 20;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="topicArn">The alert topic.</param>
    /// <param name="location">Where the document is (<c>s3://bucket/key</c>, <c>ssm:/name</c>).</param>
    /// <param name="version">Its version (<c>sha256:…</c>, or <c>unreadable</c>).</param>
    /// <param name="problems">Why it cannot be followed, one line each.</param>
    /// <param name="keptLastGood">Whether the last good document is still followed (false: nothing is judged until it is fixed).</param>
    public static SnsMessage Compose(string topicArn, string location, string version, IReadOnlyList<string> problems, bool keptLastGood)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var listed = problems.Take(ListedProblems).ToList();
        var consequence = keptLastGood
            ? "The functions keep following the last good version they loaded until a valid one is stored."
            : "The functions judge nothing: each invocation fails, so EventBridge retries it and its dead-letter queue keeps the events until a valid document is stored.";
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteString("outcome", Outcome);
            w.WriteString("severity", "critical");
            w.WriteString("location", location);
            w.WriteString("version", version);
            w.WriteBoolean("keptLastGood", keptLastGood);
            w.WriteStartArray("problems");
            foreach (var problem in listed)
            {
                w.WriteStringValue(problem);
            }

            w.WriteEndArray();
            w.WriteNumber("problemCount", problems.Count);
            w.WriteEndObject();
        }

        var email = new EmailLines()
            .Line($"The guardrail's configuration document {EmailLines.Value(location)} cannot be followed ({EmailLines.Value(version)}).")
            .Line(consequence)
            .Line();
        foreach (var problem in listed)
        {
            email.Line($"  {EmailLines.Value(problem)}");
        }

        if (problems.Count > listed.Count)
        {
            email.Line($"  … and {problems.Count - listed.Count} more: run guardrail config validate --config FILE on it.");
        }

        email.Line().Line("Fix the document (guardrail config validate --config FILE lists every problem) and store it again.");
        var subject = $"[CONFIG INVALID] {EmailLines.Value(location)}";
        return new SnsMessage(
            topicArn,
            subject.Length <= AlertComposer.MaxSubjectLength ? subject : subject[..(AlertComposer.MaxSubjectLength - 3)] + "...",
            Encoding.UTF8.GetString(stream.ToArray()),
            email.ToString(),
            [
                new("verdict", "String", "unknown"),
                new("severity", "String", "critical"),
                new("resourceType", "String", "configuration"),
                new("rules", "String.Array", "[]"),
                new("outcome", "String", Outcome),
            ]);
    }
}
