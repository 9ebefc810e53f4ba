namespace Guardrail.Functions.Tests.Fakes;

/// <summary>The system clock moved forward by <see cref="Offset"/> (timers stay real), to reach a claim's expiry at once.</summary>
internal sealed class ShiftableTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
