namespace Guardrail.Core.Findings.Exceptions;

/// <summary>
/// An accepted finding, written down by people: findings of <paramref name="Rule"/> on <paramref name="Resource"/>
/// (optionally only in <paramref name="Statement"/>) are shown as excepted and do not fail a check, until
/// <paramref name="Expires"/> has passed.
/// </summary>
/// <param name="Rule">The rule id it accepts (<see cref="RuleIds"/>).</param>
/// <param name="Resource">The name a finding is about: a bucket, a role ARN, a path document, a CloudFormation logical id or a Terraform address.</param>
/// <param name="Statement">Only findings in this statement (Sid or <c>Statement[i]</c>); null for any statement.</param>
/// <param name="Reason">Why it is accepted (shown beside every finding it excepts).</param>
/// <param name="Expires">The last day it applies (UTC); from the next day on it excepts nothing and is itself a finding.</param>
public sealed record FindingException(string Rule, string Resource, string? Statement, string Reason, DateOnly Expires)
{
    /// <summary>Whether it still applies on <paramref name="today"/>: through its expiry day, inclusive.</summary>
    public bool AppliesOn(DateOnly today) => today <= Expires;

    /// <summary>Whether it accepts <paramref name="finding"/>, which is about the resources named <paramref name="names"/>.</summary>
    public bool Matches(Finding finding, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(names);
        return string.Equals(Rule, finding.Rule, StringComparison.Ordinal)
            && names.Contains(Resource, StringComparer.Ordinal)
            && (Statement is null || string.Equals(Statement, finding.Statement, StringComparison.Ordinal));
    }
}
