using System.Net;
using System.Net.Sockets;

namespace Guardrail.Core.Conditions;

/// <summary>An IPv4 or IPv6 CIDR block (a bare address is a /32 or /128).</summary>
public sealed record IpRange(IPAddress Network, int PrefixLength)
{
    /// <summary>Parses <c>203.0.113.0/24</c>, <c>2001:db8::/32</c> or a bare address.</summary>
    public static bool TryParse(string text, out IpRange? range)
    {
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0 || prefix > max))
        {
            return false;
        }

        range = new IpRange(address, prefix);
        return true;
    }

    /// <summary>True when the address lies inside this block (an IPv4 address never lies in an IPv6 block).</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = Network.GetAddressBytes();
        var fullBytes = PrefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (a[i] != n[i])
            {
                return false;
            }
        }

        var remainingBits = PrefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
