using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Guardrail.Functions.Scan;

/// <summary>
/// One path of a drift scan, as the coordinator queues it for the workers:
/// <c>{"scan":"ID","path":"path#NAME","startedAt":"TIME","paths":TOTAL}</c>. It names what to judge (a path key the
/// worker looks up in its own configuration), never what is judged: a forged message can at most have a configured
/// path judged once more.
/// </summary>
/// <param name="Scan">The scan's id: its start time and a random part.</param>
/// <param name="Path">The path's state key (<see cref="Paths.PathTarget.Key"/>).</param>
/// <param name="StartedAt">When the scan started.</param>
/// <param name="Paths">How many paths the scan has.</param>
public sealed partial record ScanMessage(string Scan, string Path, DateTimeOffset StartedAt, int Paths)
{
    /// <summary>The longest path key a message may carry (a path's name is at most a few hundred characters).</summary>
    public const int MaxPathLength = 512;

    /// <summary>A new scan id for a scan starting at <paramref name="startedAt"/>: <c>20261207T131100Z-1a2b3c4d</c>.</summary>
    public static string NewScanId(DateTimeOffset startedAt) =>
        $"{startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    /// <summary>The message body.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("scan", Scan);
            w.WriteString("path", Path);
            w.WriteString("startedAt", StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("paths", Paths);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a message body strictly: exactly the four fields, each of its type and form, once.</summary>
    /// <exception cref="FormatException">Anything else; the message says what.</exception>
    public static ScanMessage Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not JSON: {e.Message.Split(" Path:")[0]}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the body is not a JSON object");
            }

            string? scan = null, path = null, startedAt = null;
            int? paths = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "scan" when scan is null:
                        scan = Text(property.Value, "scan");
                        break;
                    case "path" when path is null:
                        path = Text(property.Value, "path");
                        break;
                    case "startedAt" when startedAt is null:
                        startedAt = Text(property.Value, "startedAt");
                        break;
                    case "paths" when paths is null:
                        paths = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var n) && n >= 1 ? n : throw new FormatException("paths is not a whole number of at least 1");
                        break;
                    case "scan" or "path" or "startedAt" or "paths":
                        throw new FormatException($"{property.Name} appears twice");
                    default:
                        throw new FormatException("the body has a field other than scan, path, startedAt and paths");
                }
            }

            if (scan is null || path is null || startedAt is null || paths is null)
            {
                throw new FormatException("the body lacks one of scan, path, startedAt and paths");
            }

            if (!ScanId().IsMatch(scan))
            {
                throw new FormatException("scan is not a scan id (1-64 letters, digits and -)");
            }

            if (!path.StartsWith("path#", StringComparison.Ordinal) || path.Length > MaxPathLength || path.Any(char.IsControl))
            {
                throw new FormatException($"path is not a path key (path#NAME, at most {MaxPathLength} characters)");
            }

            if (!DateTimeOffset.TryParseExact(startedAt, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started))
            {
                throw new FormatException("startedAt is not a UTC time (2026-12-07T13:11:00.000Z)");
            }

            return new ScanMessage(scan, path, started, paths.Value);
        }
    }

    private static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{name} is not a string");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\z")]
    private static partial Regex ScanId();
}
