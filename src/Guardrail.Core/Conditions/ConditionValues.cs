using System.Globalization;

namespace Guardrail.Core.Conditions;

/// <summary>
/// How condition values of each operator family are read. The parser uses these to reject malformed
/// literals up front; the evaluator uses them on request values and on values produced by policy variables.
/// </summary>
public static class ConditionValues
{
    /// <summary>Numeric operators compare decimals (integers and decimals, optionally signed).</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>Date operators take ISO 8601 dates (with or without time) or epoch seconds.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            try
            {
                value = DateTimeOffset.FromUnixTimeSeconds(epoch);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                value = default;
                return false;
            }
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value) && text.Length >= 4 && char.IsDigit(text[0]);
    }

    /// <summary>Bool and Null take "true" or "false", in any case.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>BinaryEquals compares base64 text.</summary>
    public static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
