using System.Text;
using System.Text.Json;

namespace Guardrail.Cli.Reports;

/// <summary>
/// Where each statement of a policy's text starts: its line by Sid and by <c>Statement[i]</c>, as findings name it
/// (a single statement object is <c>Statement[0]</c>). Found with <see cref="Utf8JsonReader"/> token positions; text
/// the reader refuses (the parser has already accepted it, so this is only a guard) gives no lines, never an error.
/// </summary>
public sealed class StatementLines
{
    private readonly Dictionary<string, int> lines;

    private StatementLines(Dictionary<string, int> lines) => this.lines = lines;

    /// <summary>No lines known (standard input, or text that is not JSON).</summary>
    public static StatementLines None { get; } = new([]);

    /// <summary>The 1-based line where the statement named <paramref name="statement"/> starts; null when unknown.</summary>
    public int? LineOf(string statement) => lines.TryGetValue(statement, out var line) ? line : null;

    public static StatementLines Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            Scan(bytes, found);
        }
        catch (JsonException)
        {
            return None;
        }

        return new StatementLines(found);
    }

    private static void Scan(byte[] bytes, Dictionary<string, int> found)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        var statementsDepth = -1;
        var index = -1;
        var statementLine = 0;
        var counter = new LineCounter(bytes);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("Statement"u8):
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        statementsDepth = 1;
                        index = 0;
                        statementLine = counter.LineAt(reader.TokenStartIndex);
                        found.TryAdd("Statement[0]", statementLine);
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        statementsDepth = 2;
                    }

                    break;
                case JsonTokenType.StartObject when statementsDepth == 2 && reader.CurrentDepth == 2:
                    index++;
                    statementLine = counter.LineAt(reader.TokenStartIndex);
                    found.TryAdd($"Statement[{index}]", statementLine);
                    break;
                case JsonTokenType.PropertyName when statementsDepth > 0 && reader.CurrentDepth == statementsDepth + 1 && reader.ValueTextEquals("Sid"u8):
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } sid)
                    {
                        found.TryAdd(sid, statementLine);
                    }

                    break;
                case JsonTokenType.EndArray when statementsDepth == 2 && reader.CurrentDepth == 1:
                case JsonTokenType.EndObject when statementsDepth == 1 && reader.CurrentDepth == 1:
                    statementsDepth = -1;
                    break;
                default:
                    break;
            }
        }
    }

    // Offsets only grow while reading, so lines are counted once over the text, not once per statement.
    private sealed class LineCounter(byte[] bytes)
    {
        private int offset;
        private int line = 1;

        public int LineAt(long target)
        {
            line += bytes.AsSpan(offset, (int)target - offset).Count((byte)'\n');
            offset = (int)target;
            return line;
        }
    }
}
