using System.Globalization;
using Guardrail.Aws.Ssm;
using Guardrail.Core.Text;

namespace Guardrail.Functions.BreakGlass;

/// <summary>What the break-glass parameter says right now.</summary>
public enum BreakGlassStatus
{
    /// <summary>No parameter, <c>off</c>, or an expiry that has passed: rollbacks go ahead.</summary>
    Off,

    /// <summary>An expiry in the future, set at most <see cref="BreakGlassMarker.LongestWindow"/> before it: changes are alerted, never rolled back.</summary>
    Active,

    /// <summary>A value that is neither: never obeyed (rollbacks go ahead), and reported.</summary>
    Invalid,
}

/// <summary>The break-glass marker as judged: its status, until when, and (for <see cref="BreakGlassStatus.Invalid"/>) why.</summary>
public sealed record BreakGlassState(BreakGlassStatus Status, DateTimeOffset? Until, string? Problem)
{
    public static BreakGlassState Off { get; } = new(BreakGlassStatus.Off, null, null);
}

/// <summary>
/// Reads the break-glass parameter's value: <c>off</c>, or an ISO-8601 UTC expiry time (<c>2026-12-07T18:00:00Z</c>) at
/// most 12 hours after the parameter was last changed (SSM's own <c>LastModifiedDate</c>, which the writer cannot
/// set). Pure: the caller reads the parameter live, at judging time.
/// </summary>
public static class BreakGlassMarker
{
    /// <summary>The longest break-glass window one setting can open.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromHours(12);

    public static BreakGlassState Judge(BreakGlassParameterValue? parameter, DateTimeOffset now)
    {
        if (parameter is null || parameter.Value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return BreakGlassState.Off;
        }

        var value = parameter.Value.Trim();
        if (!value.EndsWith('Z') || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until))
        {
            return new BreakGlassState(BreakGlassStatus.Invalid, null, $"the break-glass parameter's value {SafeText.Quote(value)} is neither off nor a UTC time such as 2026-12-07T18:00:00Z");
        }

        if (until > parameter.LastModified + LongestWindow)
        {
            return new BreakGlassState(BreakGlassStatus.Invalid, until, $"the break-glass parameter opens a window until {until:u}, more than {LongestWindow.TotalHours:0} hours after it was set ({parameter.LastModified:u})");
        }

        return until > now ? new BreakGlassState(BreakGlassStatus.Active, until, null) : BreakGlassState.Off;
    }
}
