using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Rejects a condition value its operator cannot compare, so that the evaluator only ever sees constants it can
/// read (<see cref="ConditionValues"/>, <see cref="IpRange"/>); values built from policy variables are only known
/// at evaluation time and pass.
/// </summary>
internal static class ConditionValueCheck
{
    public static void Validate(ConditionOperator op, string value, in ElementPath path)
    {
        if (value.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        var valid = op.Family switch
        {
            OperatorFamily.Numeric => ConditionValues.TryParseNumber(value, out _),
            OperatorFamily.Date => ConditionValues.TryParseDate(value, out _),
            OperatorFamily.Bool or OperatorFamily.Null => ConditionValues.TryParseBool(value, out _),
            OperatorFamily.Binary => ConditionValues.IsBase64(value),
            OperatorFamily.IpAddress => IpRange.TryParse(value, out _),
            _ => true,
        };

        if (valid)
        {
            return;
        }

        var expected = op.Family switch
        {
            OperatorFamily.Numeric => "a number",
            OperatorFamily.Date => "an ISO 8601 date or epoch seconds",
            OperatorFamily.Bool or OperatorFamily.Null => "\"true\" or \"false\"",
            OperatorFamily.Binary => "base64 text",
            _ => "an IPv4 or IPv6 address or CIDR block",
        };
        throw new PolicyParseException(path.ToString(), $"{op.Name} expects {expected}, got {SafeText.Quote(value)}{Hint(op.Family, value)}");
    }

    // Says why a value that looks like a number or a date is still refused; nothing for plain text.
    private static string Hint(OperatorFamily family, string value)
    {
        if (!LooksNumeric(value, out var hasExponent, out var isInteger))
        {
            return string.Empty;
        }

        return family switch
        {
            OperatorFamily.Numeric when hasExponent => " (write the digits out: exponents are not supported)",
            OperatorFamily.Numeric => " (numbers are at most ±79228162514264337593543950335)",
            OperatorFamily.Date when isInteger => " (epoch seconds must be from -62135596800 to 253402300799: years 0001 to 9999)",
            _ => string.Empty,
        };
    }

    private static bool LooksNumeric(string value, out bool hasExponent, out bool isInteger)
    {
        hasExponent = false;
        isInteger = true;
        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c is '+' or '-' && (i == 0 || value[i - 1] is 'e' or 'E'))
            {
                continue;
            }
            else if (c == '.' && isInteger && !hasExponent)
            {
                isInteger = false;
            }
            else if (c is 'e' or 'E' && digits > 0 && !hasExponent)
            {
                hasExponent = true;
                isInteger = false;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }
}
