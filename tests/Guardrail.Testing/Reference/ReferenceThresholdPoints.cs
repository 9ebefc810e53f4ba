using System.Globalization;
using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;

namespace Guardrail.Testing.Reference;

/// <summary>
/// Spectrum makes requests across whole ranges of some keys: every <c>s3:signatureAge</c> from 0 to 3,600,000 ms
/// and every time from now on. A numeric or date condition only changes its result at the constants the policy
/// compares with, so evaluating at each constant and at its neighbours (plus the ends of the range) covers
/// every cell of the range exactly: interval reasoning, not sampling.
/// </summary>
public static class ReferenceThresholdPoints
{
    /// <summary>The integer points of [<paramref name="min"/>, <paramref name="max"/>] that represent every cell cut by the policy's constants for <paramref name="key"/>.</summary>
    public static IReadOnlyList<long> ForInteger(PolicyDocument? policy, string key, long min, long max)
    {
        var constants = ConstantsFor(policy, key, OperatorFamily.Numeric).ToList();
        if (constants.Count == 0)
        {
            // Nothing in the policy tests the key: one point stands for the whole range.
            return [max];
        }

        var points = new SortedSet<long> { min, max };
        foreach (var value in constants)
        {
            if (!ConditionValues.TryParseNumber(value, out var number))
            {
                continue;
            }

            var floor = (long)Math.Clamp(Math.Floor(number), min - 1, max + 1);
            var ceiling = (long)Math.Clamp(Math.Ceiling(number), min - 1, max + 1);
            foreach (var point in new[] { floor - 1, floor, ceiling, ceiling + 1 })
            {
                if (point >= min && point <= max)
                {
                    points.Add(point);
                }
            }
        }

        return [.. points];
    }

    /// <summary>Representative instants from <paramref name="now"/> on, cut by the policy's date constants for the time keys.</summary>
    public static IReadOnlyList<DateTimeOffset> ForTime(PolicyDocument? policy, DateTimeOffset now)
    {
        var start = TruncateToSeconds(now);
        var points = new SortedSet<DateTimeOffset> { start };
        var constants = ConstantsFor(policy, "aws:CurrentTime", OperatorFamily.Date)
            .Concat(ConstantsFor(policy, "aws:EpochTime", OperatorFamily.Date))
            .Concat(ConstantsFor(policy, "aws:EpochTime", OperatorFamily.Numeric));
        foreach (var value in constants)
        {
            if (!ConditionValues.TryParseDate(value, out var instant))
            {
                continue;
            }

            // Clamped at the ends of the calendar (the one change from 217b308, which crashed there).
            foreach (var point in new[] { Step(instant, -1), instant, Step(instant, 1) })
            {
                if (point >= start)
                {
                    points.Add(TruncateToSeconds(point));
                }
            }
        }

        if (points.Count > 1)
        {
            // After the last constant nothing changes any more; one point far out stands for "from then on".
            points.Add(points.Max.Year < 9999 ? points.Max.AddYears(1) : TruncateToSeconds(DateTimeOffset.MaxValue));
        }

        return [.. points];
    }

    private static DateTimeOffset Step(DateTimeOffset instant, int seconds) =>
        new(Math.Clamp(instant.UtcTicks + (seconds * TimeSpan.TicksPerSecond), DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);

    /// <summary>Formats an instant as IAM's aws:CurrentTime does.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<string> ConstantsFor(PolicyDocument? policy, string key, OperatorFamily family) =>
        policy is null
            ? []
            : policy.Statements
                .SelectMany(s => s.Conditions)
                .Where(c => c.Operator.Family == family && c.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Values);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}
