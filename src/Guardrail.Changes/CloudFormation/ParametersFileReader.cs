using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// A template's parameter values from a file: the <c>aws cloudformation</c> CLI's
/// <c>[{"ParameterKey": "K", "ParameterValue": "V"}]</c> (<c>UsePreviousValue</c> entries have no value here and are
/// refused), or a CodePipeline template configuration's <c>{"Parameters": {"K": "V"}}</c>. Strict: unknown keys, a
/// repeated parameter, non-text values and more than <see cref="MaxParameters"/> are refused.
/// </summary>
public static class ParametersFileReader
{
    /// <summary>Most bytes of a parameters file read.</summary>
    public const int MaxChars = 1024 * 1024;

    /// <summary>Most parameters (CloudFormation allows 200).</summary>
    public const int MaxParameters = 1000;

    public static IReadOnlyDictionary<string, string> Read(string text, string file = "parameters file")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            throw Error(file, $"the file has {text.Length:N0} characters; at most {MaxChars:N0} are read");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => FromList(root, file),
                JsonValueKind.Object => FromConfiguration(root, file),
                _ => throw Error(file, "expected [{\"ParameterKey\": ..., \"ParameterValue\": ...}] or {\"Parameters\": {...}}"),
            };
        }
        catch (JsonException e)
        {
            throw Error(file, $"not valid JSON (line {(e.LineNumber ?? 0) + 1}): {SafeText.Echo(e.Message)}");
        }
    }

    private static Dictionary<string, string> FromList(JsonElement root, string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in root.EnumerateArray())
        {
            var at = $"[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Error(file, $"{at}: expected {{\"ParameterKey\": ..., \"ParameterValue\": ...}}");
            }

            string? key = null;
            string? value = null;
            foreach (var property in item.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "ParameterKey" when key is null:
                        key = Text(property.Value, file, $"{at}.ParameterKey");
                        break;
                    case "ParameterValue" when value is null:
                        value = Text(property.Value, file, $"{at}.ParameterValue");
                        break;
                    case "UsePreviousValue":
                        throw Error(file, $"{at}: UsePreviousValue takes the deployed stack's value, which this file does not give; write the value");
                    case "ResolvedValue":
                        break;
                    default:
                        throw Error(file, $"{at}: unexpected key {SafeText.Quote(property.Name)}");
                }
            }

            Add(values, key ?? throw Error(file, $"{at}: no ParameterKey"), value ?? throw Error(file, $"{at}: no ParameterValue"), file);
        }

        return values;
    }

    private static Dictionary<string, string> FromConfiguration(JsonElement root, string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in root.EnumerateObject())
        {
            switch (section.Name)
            {
                case "Parameters" when section.Value.ValueKind == JsonValueKind.Object:
                    foreach (var p in section.Value.EnumerateObject())
                    {
                        Add(values, p.Name, Text(p.Value, file, $"Parameters.{SafeText.Echo(p.Name)}"), file);
                    }

                    break;
                case "Tags" or "StackPolicy":
                    break;
                default:
                    throw Error(file, $"unexpected key {SafeText.Quote(section.Name)} (a template configuration has Parameters, Tags, StackPolicy)");
            }
        }

        return values;
    }

    private static void Add(Dictionary<string, string> values, string key, string value, string file)
    {
        if (key.Length is 0 or > 255)
        {
            throw Error(file, $"parameter name {SafeText.Quote(key)} is not a parameter name");
        }

        if (!values.TryAdd(key, value))
        {
            throw Error(file, $"parameter {SafeText.Quote(key)} is given more than once");
        }

        if (values.Count > MaxParameters)
        {
            throw Error(file, $"more than {MaxParameters} parameters");
        }
    }

    private static string Text(JsonElement value, string file, string at) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw Error(file, $"{at}: expected a text"),
    };

    private static ChangeInputException Error(string file, string message) => new(SafeText.Line($"{file}: {message}"));
}
