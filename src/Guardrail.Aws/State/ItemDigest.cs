using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Guardrail.Aws.State;

/// <summary>
/// What a state item's MAC covers: a SHA-256 over a canonical encoding of every attribute but the MAC itself —
/// the partition key included, so an item cannot be moved to another key — with names in ordinal order, each value
/// tagged with its type and length-prefixed, so no two different items encode alike.
/// </summary>
public static class ItemDigest
{
    /// <summary>The attribute that holds an item's MAC.</summary>
    public const string MacAttribute = "mac";

    private const string Domain = "spectrum-guardrail/state-item/v1";

    /// <summary>The message to MAC for <paramref name="item"/> (the <see cref="MacAttribute"/> attribute is left out).</summary>
    public static byte[] Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder(Domain).Append('\n');
        AppendMap(text, item.Where(a => a.Key != MacAttribute));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return [.. Encoding.ASCII.GetBytes(Domain + ":"), .. digest];
    }

    private static void AppendMap(StringBuilder text, IEnumerable<KeyValuePair<string, AttributeValue>> attributes)
    {
        var ordered = attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        text.Append('{').Append(ordered.Count.ToString(CultureInfo.InvariantCulture)).Append(':');
        foreach (var (name, value) in ordered)
        {
            AppendString(text, name);
            AppendValue(text, value);
        }

        text.Append('}');
    }

    private static void AppendValue(StringBuilder text, AttributeValue value)
    {
        if (value.S is not null)
        {
            text.Append('S');
            AppendString(text, value.S);
        }
        else if (value.N is not null)
        {
            text.Append('N');
            AppendString(text, value.N);
        }
        else if (value.BOOL is bool flag)
        {
            text.Append(flag ? "T" : "F");
        }
        else if (value.NS is { Count: > 0 } numbers)
        {
            text.Append("NS").Append(numbers.Count.ToString(CultureInfo.InvariantCulture)).Append(':');
            foreach (var n in numbers.Order(StringComparer.Ordinal))
            {
                AppendString(text, n);
            }
        }
        else if (value.L is { } list)
        {
            text.Append('L').Append(list.Count.ToString(CultureInfo.InvariantCulture)).Append(':');
            foreach (var item in list)
            {
                AppendValue(text, item);
            }
        }
        else if (value.M is { } map)
        {
            text.Append('M');
            AppendMap(text, map);
        }
        else
        {
            // The guardrail writes only the types above: another type is not its item.
            text.Append('?');
        }
    }

    private static void AppendString(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
