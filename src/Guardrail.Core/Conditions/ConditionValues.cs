using System.Buffers;
using System.Globalization;

namespace Guardrail.Core.Conditions;

/// <summary>
/// How condition values of each operator family are read. The parser uses these to reject malformed
/// literals up front; the evaluator uses them on request values and on values produced by policy variables.
/// Every function here is total: any string gives true or false, never an exception.
/// </summary>
public static class ConditionValues
{
    /// <summary>The earliest instant <see cref="TryParseDate"/> returns: 0001-01-01T00:00:00Z (epoch -62135596800).</summary>
    public static readonly DateTimeOffset EarliestDate = DateTimeOffset.MinValue;

    /// <summary>
    /// The latest instant <see cref="TryParseDate"/> returns: 9999-12-31T23:59:59.9999999Z (an epoch value can reach
    /// 9999-12-31T23:59:59Z, 253402300799). Callers that step past a parsed instant must stay within it.
    /// </summary>
    public static readonly DateTimeOffset LatestDate = DateTimeOffset.MaxValue;

    // ISO 8601 profiles of https://www.w3.org/TR/NOTE-datetime, the formats IAM's date operators document
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date).
    // K is "Z", "+hh:mm", "-hh:mm" or nothing (then UTC); the fraction keeps up to 7 digits (100 ns).
    private static readonly string[] IsoFormats =
    [
        "yyyy",
        "yyyy-MM",
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    // The longest W3C form: 2026-11-27T00:00:00.1234567+01:00 (33 characters).
    private const int MaxIsoLength = 33;

    // Epoch seconds that DateTimeOffset can represent: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinEpochSeconds = -62135596800;
    private const long MaxEpochSeconds = 253402300799;

    /// <summary>
    /// Numeric operators compare decimals: an optional sign, ASCII digits and an optional decimal point, within
    /// ±79228162514264337593543950335 (<see cref="decimal.MaxValue"/>); more than 28 fractional digits are rounded.
    /// No exponent, no white space, no thousands separator, no Unicode digits.
    /// </summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Date operators take epoch seconds (an optional sign and ASCII digits, read as seconds as
    /// <c>aws:EpochTime</c> documents; between -62135596800 and 253402300799) or a W3C ISO 8601 date: <c>YYYY</c>,
    /// <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, or <c>YYYY-MM-DDThh:mm</c> with optional <c>:ss</c> and a fraction of up to
    /// 7 digits (milliseconds and finer are kept), then <c>Z</c>, <c>±hh:mm</c> or nothing (UTC). The result is always
    /// within <see cref="EarliestDate"/> and <see cref="LatestDate"/>, in UTC; anything outside (year 10000, an
    /// offset that pushes 0001-01-01 before the start, epoch seconds beyond 9999) is not a date.
    /// </summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text.Length == 0 || text.Length > MaxIsoLength || !IsAscii(text))
        {
            return false;
        }

        if (IsInteger(text))
        {
            // A bare number is epoch seconds, even with four digits: "2024" is 1970-01-01T00:33:44Z.
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch)
                || epoch < MinEpochSeconds || epoch > MaxEpochSeconds)
            {
                return false;
            }

            value = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>Bool and Null take "true" or "false", in any case.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>BinaryEquals compares base64 text (as <see cref="Convert.FromBase64String"/> reads it: white space ignored).</summary>
    public static bool IsBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Base64.IsValid is stricter (it refuses non-zero padding bits) than what was accepted so far; decode instead,
        // into the stack for the short values policies have.
        var size = (text.Length / 4 * 3) + 3;
        if (size <= 1024)
        {
            Span<byte> bytes = stackalloc byte[size];
            return Convert.TryFromBase64String(text, bytes, out _);
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            return Convert.TryFromBase64String(text, rented, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInteger(string text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
