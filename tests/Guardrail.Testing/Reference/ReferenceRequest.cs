using Guardrail.Core.Evaluation;

namespace Guardrail.Testing.Reference;

/// <summary>A request Spectrum must be able to make, and the family of objects it stands for (if any).</summary>
/// <param name="Request">The request.</param>
/// <param name="ObjectFamily">For object reads under a configured table location, <c>arn:aws:s3:::BUCKET/PREFIX</c>; else null.</param>
public sealed record ReferenceRequest(AccessRequest Request, string? ObjectFamily);
