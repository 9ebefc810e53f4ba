using System.Text.Json;

namespace Guardrail.Changes.Terraform;

/// <summary>
/// The 1-based line of each <c>resource_changes</c> element in the plan file, from <see cref="Utf8JsonReader"/>'s
/// token positions: the plan has no lines of its own, so a finding is located at its entry in the JSON file.
/// </summary>
internal static class PlanLines
{
    /// <summary>The line of each element of the top-level <c>resource_changes</c>, in order (empty when there is none).</summary>
    public static IReadOnlyList<int> OfResourceChanges(ReadOnlySpan<byte> json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = PlanLimits.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return lines;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isChanges = reader.ValueTextEquals("resource_changes"u8);
            reader.Read();
            if (!isChanges || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            var line = 1;
            var counted = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = (int)reader.TokenStartIndex;
                line += json[counted..at].Count((byte)'\n');
                counted = at;
                lines.Add(line);
                reader.Skip();
            }

            return lines;
        }

        return lines;
    }
}
