using System.Net;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Conditions;

/// <summary>
/// Compares one request value with one (substituted) policy value using the positive form of an operator:
/// <c>StringNotEquals</c> is compared as <c>StringEquals</c> and negated by the caller.
/// </summary>
public static class ValueComparer
{
    /// <summary>Whether <paramref name="requestValue"/> satisfies <paramref name="policyValue"/> under the operator's positive form.</summary>
    public static bool Matches(ConditionOperator op, string requestValue, Glob policyValue) => op.Family switch
    {
        OperatorFamily.String => op.Kind is OperatorKind.Like or OperatorKind.NotLike
            ? policyValue.IsMatch(requestValue, ignoreCase: false)
            : string.Equals(requestValue, policyValue.Pattern, op.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
        OperatorFamily.Arn => ArnMatcher.IsMatch(policyValue, requestValue),
        OperatorFamily.Numeric => CompareNumbers(op.Kind, requestValue, policyValue.Pattern),
        OperatorFamily.Date => CompareDates(op.Kind, requestValue, policyValue.Pattern),
        OperatorFamily.Bool => ConditionValues.TryParseBool(requestValue, out var r) && ConditionValues.TryParseBool(policyValue.Pattern, out var p) && r == p,
        OperatorFamily.Binary => string.Equals(requestValue, policyValue.Pattern, StringComparison.Ordinal),
        OperatorFamily.IpAddress => IPAddress.TryParse(requestValue, out var address) && IpRange.TryParse(policyValue.Pattern, out var range) && range!.Contains(address),
        _ => false,
    };

    private static bool CompareNumbers(OperatorKind kind, string requestValue, string policyValue) =>
        ConditionValues.TryParseNumber(requestValue, out var r)
        && ConditionValues.TryParseNumber(policyValue, out var p)
        && Order(kind, r.CompareTo(p));

    private static bool CompareDates(OperatorKind kind, string requestValue, string policyValue) =>
        ConditionValues.TryParseDate(requestValue, out var r)
        && ConditionValues.TryParseDate(policyValue, out var p)
        && Order(kind, r.CompareTo(p));

    private static bool Order(OperatorKind kind, int comparison) => kind switch
    {
        OperatorKind.Equals or OperatorKind.NotEquals => comparison == 0,
        OperatorKind.LessThan => comparison < 0,
        OperatorKind.LessThanEquals => comparison <= 0,
        OperatorKind.GreaterThan => comparison > 0,
        OperatorKind.GreaterThanEquals => comparison >= 0,
        _ => false,
    };
}
