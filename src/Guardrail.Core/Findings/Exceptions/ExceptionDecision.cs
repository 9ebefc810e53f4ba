namespace Guardrail.Core.Findings.Exceptions;

/// <summary>
/// What the exceptions did to a list of findings.
/// </summary>
/// <param name="ExceptedBy">For each finding, in input order: the exception that accepts it, or null when it is active.</param>
/// <param name="Expired">One <see cref="RuleIds.ExceptionExpired"/> finding per exception whose expiry has passed, in the list's order.</param>
/// <param name="Unused">The exceptions still in force that matched no finding (reported, not a failure).</param>
public sealed record ExceptionDecision(IReadOnlyList<FindingException?> ExceptedBy, IReadOnlyList<ExpiredException> Expired, IReadOnlyList<FindingException> Unused);

/// <summary>An exception past its expiry, and the finding that says so.</summary>
public sealed record ExpiredException(FindingException Exception, Finding Finding);
