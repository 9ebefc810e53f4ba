using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Core.Tests.Corpus;

/// <summary>One case of the JSON corpus under tests/cases: a file path, its index in the file, and the case object.</summary>
public sealed record CorpusCase(string File, int Index, JsonObject Json)
{
    public string Name => Json["name"]?.GetValue<string>() ?? $"#{Index}";

    public override string ToString() => $"{Path.GetFileNameWithoutExtension(File)}: {Name}";

    /// <summary>Every case of every file in one corpus folder.</summary>
    public static IEnumerable<CorpusCase> Load(string folder)
    {
        var directory = RepoPaths.Of("tests", "cases", folder);
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(System.IO.File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                ?? throw new InvalidDataException($"{file} is empty");
            var array = node as JsonArray ?? throw new InvalidDataException($"{file} must hold a JSON array of cases");
            for (var i = 0; i < array.Count; i++)
            {
                yield return new CorpusCase(Path.GetRelativePath(RepoPaths.Root, file), i, array[i]!.AsObject());
            }
        }
    }

    /// <summary>Case ids for xUnit (strings, so each case is listed and re-run on its own): "file#index: name".</summary>
    public static TheoryData<string> Ids(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var item in Load(folder))
        {
            data.Add($"{item.File}#{item.Index}: {item.Name}");
        }

        return data;
    }

    /// <summary>Finds the case an id names.</summary>
    public static CorpusCase ById(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var colon = id.IndexOf(':', hash);
        var file = id[..hash];
        var index = int.Parse(id[(hash + 1)..colon], System.Globalization.CultureInfo.InvariantCulture);
        var folder = Path.GetFileName(Path.GetDirectoryName(file))!;
        return Load(folder).Single(c => c.File == file && c.Index == index);
    }

    /// <summary>The policy as text: "policy" (an object, serialized) or "policyText" (verbatim); null for "policy": null.</summary>
    public string? PolicyText()
    {
        if (Json.TryGetPropertyValue("policyText", out var text))
        {
            return text!.GetValue<string>();
        }

        var policy = Json["policy"];
        return policy?.ToJsonString();
    }
}
