using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Guardrail.Fuzz;

/// <summary>
/// Builds the seed corpus: every policy document of the test cases (<c>tests/cases/**/*.json</c>: <c>policy</c>
/// objects and <c>policyText</c> strings, malformed ones included), the examples and the benchmark data, one file each.
/// </summary>
internal static class SeedCorpus
{
    private static readonly string[] WholeFileSources = ["examples", "bench/data"];

    public static int Write(string repoRoot, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "seed-*"))
        {
            File.Delete(stale);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        void Add(string name, string policy)
        {
            var bytes = Encoding.UTF8.GetBytes(policy);
            if (seen.Add(Convert.ToHexString(SHA256.HashData(bytes))))
            {
                File.WriteAllBytes(Path.Combine(outputDirectory, $"seed-{name}.json"), bytes);
                written++;
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(repoRoot, "tests", "cases"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var cases = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var index = 0;
            foreach (var policy in Policies(cases.RootElement))
            {
                Add($"{Path.GetFileNameWithoutExtension(file)}-{index++:000}", policy);
            }
        }

        foreach (var directory in WholeFileSources)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(repoRoot, directory), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                Add($"{Path.GetFileName(Path.GetDirectoryName(file))}-{Path.GetFileNameWithoutExtension(file)}", File.ReadAllText(file));
            }
        }

        return written;
    }

    // A case holds its policy as a JSON object ("policy") or, when the text itself is the point, as a string ("policyText").
    private static IEnumerable<string> Policies(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var policy in Policies(item))
                    {
                        yield return policy;
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "policy" or "policyText" && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
                    {
                        yield return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }
                    else
                    {
                        foreach (var policy in Policies(property.Value))
                        {
                            yield return policy;
                        }
                    }
                }

                break;
        }
    }
}
