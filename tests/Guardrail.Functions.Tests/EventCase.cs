using System.Text.Json.Nodes;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The event text of a data-driven event case: an events/ file changed as the case says. <c>set</c>: dotted path (a number
/// indexes an array) to JSON value (null included); <c>remove</c>: dotted paths; <c>padBytes</c>: an extra detail field of that many
/// bytes; <c>padKeys</c>: an extra detail object of that many distinct names; <c>raw</c>: text replacements on the compact JSON, applied last and in order, each of whose texts must occur
/// (for what a JSON tree cannot hold: a property name twice, a string escaping half a surrogate pair).
/// </summary>
internal static class EventCase
{
    /// <summary>The cases of tests/cases/<paramref name="folder"/>/<paramref name="file"/>.</summary>
    public static JsonArray Cases(string file, string folder = "events") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "tests", "cases", folder, file)))!["cases"]!.AsArray();

    /// <summary>The pages a case follows: at least one https address (cases added since the strict reading cite them).</summary>
    public static void AssertCites(JsonObject c)
    {
        var follows = c["follows"]?.AsArray();
        Assert.True(follows is { Count: > 0 }, $"{c["name"]} cites no page it follows");
        Assert.All(follows, f => Assert.StartsWith("https://", f!.GetValue<string>(), StringComparison.Ordinal));
    }

    public static string Text(JsonObject c)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "events", c["event"]!.GetValue<string>() + ".json")))!.AsObject();
        foreach (var path in c["remove"]?.AsArray() ?? [])
        {
            var (parent, key) = Locate(node, path!.GetValue<string>());
            Assert.True(parent.Remove(key), $"{path} is not in the event");
        }

        foreach (var (path, value) in c["set"]?.AsObject() ?? [])
        {
            var (parent, key) = Locate(node, path);
            parent[key] = value?.DeepClone();
        }

        if (c["padBytes"]?.GetValue<int>() is { } pad)
        {
            node["detail"]!["padding"] = new string('x', pad);
        }

        if (c["padKeys"]?.GetValue<int>() is { } keys)
        {
            var padding = new JsonObject();
            for (var i = 0; i < keys; i++)
            {
                padding[$"k{i}"] = 0;
            }

            node["detail"]!["padding"] = padding;
        }

        var text = node.ToJsonString();
        foreach (var (find, replace) in c["raw"]?.AsObject() ?? [])
        {
            Assert.True(text.Contains(find, StringComparison.Ordinal), $"raw: {find} is not in the event text");
            text = text.Replace(find, replace!.GetValue<string>(), StringComparison.Ordinal);
        }

        return text;
    }

    // A dotted path; a number steps into an array (detail.requestParameters.bucketPolicy.Statement.0.Sid).
    private static (JsonObject Parent, string Key) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        return (node.AsObject(), parts[^1]);
    }
}
