using System.Net;
using System.Net.Sockets;

namespace Guardrail.Core.Conditions;

/// <summary>
/// An IPv4 or IPv6 CIDR block (a bare address is a /32 or /128), as <c>aws:SourceIp</c> conditions write them:
/// "in standard IPv4 or IPv6 notation (RFC 4632 CIDR)"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress).
/// </summary>
public sealed record IpRange(IPAddress Network, int PrefixLength)
{
    // The longest standard form: ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128 (49 characters).
    private const int MaxLength = 49;

    /// <summary>
    /// Parses <c>203.0.113.0/24</c>, <c>2001:db8::/32</c> or a bare address; total (never throws). Only standard
    /// notation: IPv4 as four decimal octets without leading zeros (<c>010.0.0.1</c> could be read as octal, and
    /// <c>10.1</c> or <c>0x0a.0.0.1</c> are shorthand some parsers accept), IPv6 per RFC 4291 including the
    /// IPv4-mapped form <c>::ffff:192.0.2.1</c> (an IPv6 block: it never contains an IPv4 address). No zone id
    /// (<c>fe80::1%eth0</c>), no brackets, no white space; the prefix is 0-32 (IPv4) or 0-128 (IPv6) in at most three
    /// ASCII digits.
    /// </summary>
    public static bool TryParse(string text, out IpRange? range)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = null;
        if (text.Length is 0 or > MaxLength)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        var isV6 = addressText.Contains(':');
        if (!(isV6 ? IsIpv6Text(addressText) : IsDottedQuad(addressText)) || !IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && !TryParsePrefix(text.AsSpan(slash + 1), max, out prefix))
        {
            return false;
        }

        range = new IpRange(address, prefix);
        return true;
    }

    /// <summary>True when the address lies inside this block (an IPv4 address never lies in an IPv6 block).</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        if (!address.TryWriteBytes(a, out _) || !Network.TryWriteBytes(n, out _))
        {
            return false;
        }

        var fullBytes = PrefixLength / 8;
        if (!a[..fullBytes].SequenceEqual(n[..fullBytes]))
        {
            return false;
        }

        var remainingBits = PrefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var octets = 0;
        while (true)
        {
            var dot = text.IndexOf('.');
            var octet = dot < 0 ? text : text[..dot];
            if (octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0') || !IsDigits(octet) || int.Parse(octet, provider: System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }

            octets++;
            if (dot < 0)
            {
                return octets == 4;
            }

            text = text[(dot + 1)..];
        }
    }

    // Hex digits, colons and (for an embedded IPv4 tail) dots; IPAddress.TryParse checks the structure.
    private static bool IsIpv6Text(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
            {
                return false;
            }
        }

        var dot = text.IndexOf('.');
        return dot < 0 || IsDottedQuad(text[(text[..dot].LastIndexOf(':') + 1)..]);
    }

    private static bool TryParsePrefix(ReadOnlySpan<char> text, int max, out int prefix)
    {
        prefix = 0;
        if (text.Length is 0 or > 3 || !IsDigits(text))
        {
            return false;
        }

        prefix = int.Parse(text, provider: System.Globalization.CultureInfo.InvariantCulture);
        return prefix <= max;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
