using System.Text.Json;

namespace Guardrail.Changes.Terraform;

/// <summary>
/// The plan's <c>configuration</c>: which arguments a resource's configuration sets (an exclusive
/// <c>inline_policy</c> block), and what an argument refers to when its value is known only after apply
/// (<c>aws_iam_policy.reader.arn</c>), so a value can be joined to the resource the plan creates.
/// </summary>
internal sealed class PlanConfiguration
{
    private readonly JsonElement rootModule;

    public PlanConfiguration(JsonElement configuration)
    {
        rootModule = configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("root_module", out var root) && root.ValueKind == JsonValueKind.Object ? root : default;
    }

    /// <summary>Whether the plan has a configuration to look in.</summary>
    public bool Given => rootModule.ValueKind == JsonValueKind.Object;

    /// <summary>Whether the resource's configuration sets <paramref name="argument"/> (a block is set even when empty).</summary>
    public bool Sets(ResourceChangeEntry entry, string argument) =>
        Expressions(entry) is { ValueKind: JsonValueKind.Object } expressions && expressions.TryGetProperty(argument, out _);

    /// <summary>The resources (<c>TYPE.NAME</c> in the entry's module) that the argument's expression refers to (a path into nested blocks: <c>rule</c>, 0, ...).</summary>
    public IReadOnlyList<string> References(ResourceChangeEntry entry, params object[] argument)
    {
        if (Expressions(entry) is not { ValueKind: JsonValueKind.Object } expression)
        {
            return [];
        }

        foreach (var step in argument)
        {
            expression = step switch
            {
                string name when expression.ValueKind == JsonValueKind.Object && expression.TryGetProperty(name, out var e) => e,
                int i when expression.ValueKind == JsonValueKind.Array && i < expression.GetArrayLength() => expression[i],
                _ => default,
            };
        }

        if (expression.ValueKind != JsonValueKind.Object
            || !expression.TryGetProperty("references", out var references)
            || references.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var found = new List<string>();
        foreach (var reference in references.EnumerateArray().Take(PlanLimits.MaxListItems))
        {
            // "aws_iam_policy.reader.arn", "aws_iam_policy.reader[0]", "aws_iam_policy.reader": the resource is TYPE.NAME.
            if (reference.ValueKind == JsonValueKind.String && reference.GetString() is { } text && !text.StartsWith("var.", StringComparison.Ordinal)
                && !text.StartsWith("local.", StringComparison.Ordinal) && !text.StartsWith("module.", StringComparison.Ordinal) && !text.StartsWith("data.", StringComparison.Ordinal))
            {
                var parts = text.Split('.', 3);
                if (parts.Length >= 2)
                {
                    var name = parts[1];
                    var bracket = name.IndexOf('[', StringComparison.Ordinal);
                    var resource = parts[0] + "." + (bracket >= 0 ? name[..bracket] : name);
                    if (!found.Contains(resource, StringComparer.Ordinal))
                    {
                        found.Add(resource);
                    }
                }
            }
        }

        return found;
    }

    private JsonElement? Expressions(ResourceChangeEntry entry)
    {
        var module = Module(entry.ModuleAddress);
        if (module is not { ValueKind: JsonValueKind.Object } m || !m.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var address = entry.Type + "." + entry.Name;
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind == JsonValueKind.Object
                && resource.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String && a.ValueEquals(address)
                && (!resource.TryGetProperty("mode", out var mode) || mode.ValueKind != JsonValueKind.String || mode.ValueEquals("managed")))
            {
                return resource.TryGetProperty("expressions", out var expressions) ? expressions : null;
            }
        }

        return null;
    }

    /// <summary>The configuration module of a module address (<c>module.a["x"].module.b</c>: calls a, then b).</summary>
    private JsonElement? Module(string? moduleAddress)
    {
        if (!Given)
        {
            return null;
        }

        var module = rootModule;
        foreach (var call in ModuleCalls(moduleAddress))
        {
            if (!module.TryGetProperty("module_calls", out var calls) || calls.ValueKind != JsonValueKind.Object
                || !calls.TryGetProperty(call, out var c) || c.ValueKind != JsonValueKind.Object
                || !c.TryGetProperty("module", out var next) || next.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            module = next;
        }

        return module;
    }

    private static IEnumerable<string> ModuleCalls(string? moduleAddress)
    {
        var rest = moduleAddress ?? string.Empty;
        const string Prefix = "module.";
        while (rest.StartsWith(Prefix, StringComparison.Ordinal))
        {
            rest = rest[Prefix.Length..];
            var end = rest.IndexOfAny(['.', '[']);
            yield return end < 0 ? rest : rest[..end];
            if (end < 0)
            {
                yield break;
            }

            // Skip an instance key (which may contain dots inside quotes) up to the next ".module.".
            var next = rest.IndexOf("]." + Prefix, end, StringComparison.Ordinal);
            var dot = rest[end] == '.' ? end + 1 : next >= 0 ? next + 2 : rest.Length;
            rest = rest[dot..];
        }
    }
}
