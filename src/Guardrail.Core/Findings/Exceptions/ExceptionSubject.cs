namespace Guardrail.Core.Findings.Exceptions;

/// <summary>A finding to decide, with the names of what it is about (an exception's <c>resource</c> must be one of them).</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Names">The bucket name, role ARN, path document, logical id or address the finding is about.</param>
public sealed record ExceptionSubject(Finding Finding, IReadOnlyList<string> Names);
