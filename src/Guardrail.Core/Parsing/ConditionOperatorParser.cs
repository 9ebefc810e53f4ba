using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>Turns an operator name such as <c>ForAnyValue:StringNotLikeIfExists</c> into a <see cref="ConditionOperator"/>.</summary>
public static class ConditionOperatorParser
{
    private static readonly Dictionary<string, (OperatorFamily Family, OperatorKind Kind, bool IgnoreCase)> BaseOperators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (OperatorFamily.String, OperatorKind.Equals, false),
            ["StringNotEquals"] = (OperatorFamily.String, OperatorKind.NotEquals, false),
            ["StringEqualsIgnoreCase"] = (OperatorFamily.String, OperatorKind.Equals, true),
            ["StringNotEqualsIgnoreCase"] = (OperatorFamily.String, OperatorKind.NotEquals, true),
            ["StringLike"] = (OperatorFamily.String, OperatorKind.Like, false),
            ["StringNotLike"] = (OperatorFamily.String, OperatorKind.NotLike, false),
            ["NumericEquals"] = (OperatorFamily.Numeric, OperatorKind.Equals, false),
            ["NumericNotEquals"] = (OperatorFamily.Numeric, OperatorKind.NotEquals, false),
            ["NumericLessThan"] = (OperatorFamily.Numeric, OperatorKind.LessThan, false),
            ["NumericLessThanEquals"] = (OperatorFamily.Numeric, OperatorKind.LessThanEquals, false),
            ["NumericGreaterThan"] = (OperatorFamily.Numeric, OperatorKind.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, OperatorKind.GreaterThanEquals, false),
            ["DateEquals"] = (OperatorFamily.Date, OperatorKind.Equals, false),
            ["DateNotEquals"] = (OperatorFamily.Date, OperatorKind.NotEquals, false),
            ["DateLessThan"] = (OperatorFamily.Date, OperatorKind.LessThan, false),
            ["DateLessThanEquals"] = (OperatorFamily.Date, OperatorKind.LessThanEquals, false),
            ["DateGreaterThan"] = (OperatorFamily.Date, OperatorKind.GreaterThan, false),
            ["DateGreaterThanEquals"] = (OperatorFamily.Date, OperatorKind.GreaterThanEquals, false),
            ["Bool"] = (OperatorFamily.Bool, OperatorKind.Equals, false),
            ["BinaryEquals"] = (OperatorFamily.Binary, OperatorKind.Equals, false),
            ["IpAddress"] = (OperatorFamily.IpAddress, OperatorKind.Equals, false),
            ["NotIpAddress"] = (OperatorFamily.IpAddress, OperatorKind.NotEquals, false),
            ["ArnEquals"] = (OperatorFamily.Arn, OperatorKind.Like, false),
            ["ArnLike"] = (OperatorFamily.Arn, OperatorKind.Like, false),
            ["ArnNotEquals"] = (OperatorFamily.Arn, OperatorKind.NotLike, false),
            ["ArnNotLike"] = (OperatorFamily.Arn, OperatorKind.NotLike, false),
            ["Null"] = (OperatorFamily.Null, OperatorKind.Equals, false),
        };

    // Operators are immutable and policies repeat a handful of names many times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ConditionOperator> Cache = new(StringComparer.Ordinal);

    /// <summary>Parses an operator name, or returns an error text that says what is wrong with it.</summary>
    public static bool TryParse(string name, out ConditionOperator? op, out string error)
    {
        if (Cache.TryGetValue(name, out op))
        {
            error = string.Empty;
            return true;
        }

        if (!TryParseUncached(name, out op, out error))
        {
            return false;
        }

        if (Cache.Count < 1024)
        {
            Cache.TryAdd(name, op!);
        }

        return true;
    }

    private static bool TryParseUncached(string name, out ConditionOperator? op, out string error)
    {
        op = null;
        error = string.Empty;
        var rest = name;
        var qualifier = SetQualifier.None;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var prefix = rest[..colon];
            if (prefix.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase))
            {
                qualifier = SetQualifier.ForAllValues;
            }
            else if (prefix.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase))
            {
                qualifier = SetQualifier.ForAnyValue;
            }
            else
            {
                error = $"unknown set qualifier {SafeText.Quote(prefix)} (expected ForAllValues or ForAnyValue)";
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase) && rest.Length > "IfExists".Length)
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        if (!BaseOperators.TryGetValue(rest, out var info))
        {
            error = $"unknown condition operator {SafeText.Quote(name)}";
            return false;
        }

        if (info.Family == OperatorFamily.Null && ifExists)
        {
            error = "the Null operator cannot take the IfExists suffix";
            return false;
        }

        op = new ConditionOperator(name, info.Family, info.Kind, info.IgnoreCase, ifExists, qualifier);
        return true;
    }
}
