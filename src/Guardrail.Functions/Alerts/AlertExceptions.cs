using System.Globalization;
using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// How an alert tells what the configuration's exceptions did: <c>exceptedFindings</c> (each excepted finding by its
/// index in <c>findings</c>, with the exception) and <c>exceptionsExpired</c> (an <c>exception-expired</c> finding
/// per expired exception). The findings themselves are never removed.
/// </summary>
internal static class AlertExceptions
{
    public static string Describe(FindingException exception) =>
        string.Create(CultureInfo.InvariantCulture, $"{exception.Reason} (until {exception.Expires:yyyy-MM-dd})");

    public static void WriteJson(Utf8JsonWriter w, Verdict verdict, ExceptionDecision decision)
    {
        w.WriteStartArray("exceptedFindings");
        for (var i = 0; i < verdict.Findings.Count && i < decision.ExceptedBy.Count; i++)
        {
            if (decision.ExceptedBy[i] is not { } exception)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("finding", i);
            w.WriteString("rule", verdict.Findings[i].Rule);
            w.WriteString("statement", verdict.Findings[i].Statement);
            w.WriteString("reason", exception.Reason);
            w.WriteString("expires", exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("exceptionsExpired");
        foreach (var expired in decision.Expired)
        {
            VerdictJson.WriteFinding(w, expired.Finding);
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// The decision for an alert on <paramref name="resourceName"/> (the alert's <c>resource.name</c>; for a bucket,
    /// <c>s3://BUCKET</c>, its name and its ARN name it too, as in <c>guardrail check bucket-policy</c>), today (UTC).
    /// </summary>
    public static ExceptionDecision? Decide(IReadOnlyList<FindingException> exceptions, Verdict verdict, string resourceName, DateTimeOffset now)
    {
        if (exceptions.Count == 0)
        {
            return null;
        }

        List<string> names = resourceName.StartsWith("s3://", StringComparison.Ordinal)
            ? [resourceName, resourceName[5..], $"arn:aws:s3:::{resourceName[5..]}"]
            : [resourceName];
        return ExceptionJudge.Decide([.. verdict.Findings.Select(f => new ExceptionSubject(f, names))], exceptions, DateOnly.FromDateTime(now.UtcDateTime));
    }
}
