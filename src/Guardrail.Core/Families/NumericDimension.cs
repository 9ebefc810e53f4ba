using System.Globalization;
using Guardrail.Core.Conditions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// A range of values Spectrum's requests take every value of: the time (every second from now on) or the age of a
/// presigned URL (0 to 3,600,000 ms). A numeric or date condition only changes its result at the constants it
/// compares with, so the cells a statement's own constants cut the range into are each decided at one point:
/// interval reasoning, not sampling. Points are whole units (seconds, milliseconds) and always inside the range.
/// </summary>
public sealed class NumericDimension
{
    /// <summary>The last second a date can name (9999-12-31T23:59:59Z).</summary>
    public const long LastEpochSecond = 253_402_300_799;

    private static readonly decimal TicksPerSecond = TimeSpan.TicksPerSecond;

    private readonly string[] keys;
    private readonly Func<RequestContext, long, RequestContext> at;
    private readonly Func<long, string> describe;

    private NumericDimension(DimensionKind kind, string[] keys, long min, long max, long soloPoint, Func<RequestContext, long, RequestContext> at, Func<long, string> describe)
    {
        Kind = kind;
        this.keys = keys;
        Min = min;
        Max = max;
        SoloPoint = soloPoint;
        this.at = at;
        this.describe = describe;
    }

    /// <summary>Which dimension this is.</summary>
    public DimensionKind Kind { get; }

    /// <summary>The first point of the range.</summary>
    public long Min { get; }

    /// <summary>The last point of the range.</summary>
    public long Max { get; }

    /// <summary>The one point that stands for the whole range when nothing tests it.</summary>
    public long SoloPoint { get; }

    /// <summary>Every second from <paramref name="now"/> (truncated to the second) to the end of year 9999.</summary>
    public static NumericDimension Time(DateTimeOffset now)
    {
        var start = Math.Clamp(now.ToUnixTimeSeconds(), 0, LastEpochSecond);
        return new NumericDimension(
            DimensionKind.Time,
            ["aws:CurrentTime", "aws:EpochTime"],
            start,
            LastEpochSecond,
            start,
            static (context, second) => context.With(
                ("aws:CurrentTime", ContextValue.Of(FormatTime(second))),
                ("aws:EpochTime", ContextValue.Of(second.ToString(CultureInfo.InvariantCulture)))),
            static second => $" at {FormatTime(second)}");
    }

    /// <summary>Every age of a presigned URL from 0 to <paramref name="lifetimeMs"/> milliseconds.</summary>
    public static NumericDimension SignatureAge(long lifetimeMs) =>
        new(
            DimensionKind.SignatureAge,
            ["s3:signatureAge"],
            0,
            lifetimeMs,
            lifetimeMs,
            static (context, ms) => context.With(("s3:signatureAge", ContextValue.Of(ms.ToString(CultureInfo.InvariantCulture)))),
            static ms => $" {ms} ms old");

    /// <summary>Formats an epoch second as IAM's <c>aws:CurrentTime</c> does.</summary>
    public static string FormatTime(long epochSecond) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epochSecond, 0, LastEpochSecond)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether a condition key is one of this dimension's keys.</summary>
    public bool Tests(string key)
    {
        foreach (var candidate in keys)
        {
            if (candidate.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The context with this dimension's keys set to <paramref name="point"/>.</summary>
    public RequestContext At(RequestContext context, long point) => at(context, point);

    /// <summary>
    /// The context where this dimension's keys hold one unknown value: what <paramref name="context"/> has for them,
    /// or their value at one of <paramref name="points"/>. Used to explain a witness, where a few points suffice.
    /// </summary>
    public RequestContext AnyOf(RequestContext context, IReadOnlyList<long> points, string why)
    {
        var changes = new (string Key, ContextValue Value)[keys.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            changes[k] = (key, ContextValue.OneOf(why, [context.Get(key), .. points.Select(p => at(context, p).Get(key))]));
        }

        return context.With(changes);
    }

    /// <summary>How a request description says the point (" at 2026-01-01T00:00:00Z", " 3600000 ms old").</summary>
    public string Describe(long point) => describe(point);

    /// <summary>
    /// Where a clause constant sits on this dimension, in its units (fractions kept): dates for the time keys,
    /// numbers for <c>aws:EpochTime</c> and <c>s3:signatureAge</c>. False for a constant the clause can never equal.
    /// </summary>
    public bool TryPosition(OperatorFamily family, string constant, out decimal position)
    {
        position = 0;
        if (family == OperatorFamily.Date && Kind == DimensionKind.Time)
        {
            if (!ConditionValues.TryParseDate(constant, out var instant))
            {
                return false;
            }

            position = (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;
            return true;
        }

        return family == OperatorFamily.Numeric && ConditionValues.TryParseNumber(constant, out position);
    }

    /// <summary>The positions of a clause's constants on this dimension (none for operators that do not compare positions).</summary>
    public decimal[] Positions(ConditionClause clause)
    {
        if (clause.Operator.Family is not (OperatorFamily.Numeric or OperatorFamily.Date))
        {
            return [];
        }

        var positions = new List<decimal>(clause.Values.Count);
        foreach (var constant in clause.Values)
        {
            if (TryPosition(clause.Operator.Family, constant, out var position))
            {
                positions.Add(position);
            }
        }

        return [.. positions];
    }

    /// <summary>
    /// The sorted points that decide every cell cut by <paramref name="positions"/> (constants' positions): each
    /// constant's neighbours on both sides and the ends of the range; the solo point when there is no constant.
    /// </summary>
    public long[] CutPoints(IEnumerable<decimal> positions)
    {
        var points = new HashSet<long>();
        foreach (var position in positions)
        {
            var floor = ClampToRange(decimal.Floor(position));
            var ceiling = ClampToRange(decimal.Ceiling(position));
            AddInRange(points, floor - 1);
            AddInRange(points, floor);
            AddInRange(points, ceiling);
            AddInRange(points, ceiling + 1);
        }

        if (points.Count == 0)
        {
            return [SoloPoint];
        }

        points.Add(Min);
        points.Add(Max);
        var sorted = points.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Clamps far-away constants to just outside the range, so neighbours stay representable.</summary>
    private long ClampToRange(decimal value) => (long)Math.Clamp(value, Min - 1, Max + 1);

    private void AddInRange(HashSet<long> points, long point)
    {
        if (point >= Min && point <= Max)
        {
            points.Add(point);
        }
    }
}

/// <summary>The ranges Spectrum's requests take every value of.</summary>
public enum DimensionKind
{
    /// <summary><c>aws:CurrentTime</c> / <c>aws:EpochTime</c>, every second from now on.</summary>
    Time,

    /// <summary><c>s3:signatureAge</c>, every millisecond of a presigned URL's hour.</summary>
    SignatureAge,
}
