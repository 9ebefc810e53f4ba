namespace Guardrail.Aws.Collect;

/// <summary>
/// A value that was read (possibly null: "there is none"), as opposed to a read that failed, which is no
/// <see cref="Read{T}"/> at all: <c>Read&lt;string?&gt;?</c> tells "unknown" (null) from "none" (a null <see cref="Value"/>).
/// </summary>
/// <param name="Value">What AWS answered.</param>
public sealed record Read<T>(T Value);
