using System.Globalization;

namespace Guardrail.Core.Findings.Exceptions;

/// <summary>
/// Decides which findings the exceptions accept. Pure: the list, the findings and today's date in, a
/// <see cref="ExceptionDecision"/> out. A finding is excepted by the first exception in force (in list order) that
/// matches it; an expired exception matches nothing and becomes an <c>exception-expired</c> finding (security, low).
/// </summary>
public static class ExceptionJudge
{
    /// <summary>The statement an <c>exception-expired</c> finding names: the exceptions list, not a policy.</summary>
    public const string ExceptionsStatement = "(exceptions)";

    public static ExceptionDecision Decide(IReadOnlyList<ExceptionSubject> findings, IReadOnlyList<FindingException> exceptions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(exceptions);
        var inForce = exceptions.Where(e => e.AppliesOn(today)).ToList();
        var used = new HashSet<FindingException>(ReferenceEqualityComparer.Instance);
        var exceptedBy = new List<FindingException?>(findings.Count);
        foreach (var subject in findings)
        {
            var match = inForce.FirstOrDefault(e => e.Matches(subject.Finding, subject.Names));
            if (match is not null)
            {
                used.Add(match);
            }

            exceptedBy.Add(match);
        }

        var expired = exceptions.Where(e => !e.AppliesOn(today)).Select(e => new ExpiredException(e, ExpiredFinding(e))).ToList();
        var unused = inForce.Where(e => !used.Contains(e)).ToList();
        return new ExceptionDecision(exceptedBy, expired, unused);
    }

    private static Finding ExpiredFinding(FindingException exception) => new(
        RuleIds.ExceptionExpired,
        Severity.Low,
        FindingKind.Security,
        ExceptionsStatement,
        string.Create(CultureInfo.InvariantCulture, $"The exception for {exception.Rule} on {exception.Resource}{(exception.Statement is null ? string.Empty : $" ({exception.Statement})")} expired on {exception.Expires:yyyy-MM-dd} and no longer excepts anything (reason given: {exception.Reason})."),
        "Fix the findings it excepted, or review the exception and give it a new expiry date.");
}
