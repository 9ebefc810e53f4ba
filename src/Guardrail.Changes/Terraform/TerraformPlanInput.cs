using System.Globalization;
using System.Text;
using System.Text.Json;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>
/// A Terraform plan as <c>terraform show -json PLANFILE</c> prints it (<c>format_version</c> 1.x): each
/// <c>resource_changes</c> entry of a type on Spectrum's path becomes the changes it proposes, located at its address
/// and at the line of its entry in the plan file. Values known only after apply stay unknown, never guessed.
/// </summary>
public sealed class TerraformPlanInput : IChangeInput
{
    public string Format => "terraform-plan";

    public IReadOnlyList<ProposedChange> Read(string text, ChangeContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var bytes = Bytes(text);
        using var document = Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw PlanShape.Expected(string.Empty, "an object (the output of terraform show -json PLANFILE)", root);
        }

        CheckVersion(root);
        var list = ResourceChanges(root);
        var lines = list.ValueKind == JsonValueKind.Array ? PlanLines.OfResourceChanges(bytes) : [];
        var entries = new List<ResourceChangeEntry>();
        var index = 0;
        foreach (var element in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [])
        {
            int? line = index < lines.Count ? lines[index] : null;
            if (ResourceChangeParser.Parse(element, index, line, context.File) is { } entry)
            {
                entries.Add(entry);
            }

            index++;
        }

        var configuration = new PlanConfiguration(root.TryGetProperty("configuration", out var c) ? c : default);
        var plan = new TerraformPlan(entries, configuration, context);
        var changes = new List<ProposedChange>();
        foreach (var entry in entries.Where(e => e.Action is not (PlanAction.NoOp or PlanAction.Read or PlanAction.Forget)))
        {
            if (ResourceMappers.For(entry.Type) is { } mapper)
            {
                mapper.Map(entry, plan, changes);
                if (changes.Count > PlanLimits.MaxResourceChanges)
                {
                    throw PlanShape.Error(entry.Path, $"the plan proposes more than {PlanLimits.MaxResourceChanges.ToString("N0", CultureInfo.InvariantCulture)} changes on the path");
                }
            }
        }

        return changes;
    }

    private static byte[] Bytes(string text)
    {
        // A string of more than MaxBytes characters is more than MaxBytes bytes: refused before it is encoded.
        if (text.Length > PlanLimits.MaxBytes || Encoding.UTF8.GetByteCount(text) > PlanLimits.MaxBytes)
        {
            throw PlanShape.Error(string.Empty, $"larger than {PlanLimits.MaxBytes / (1024 * 1024)} MiB");
        }

        return Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = PlanLimits.MaxDepth });
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } l ? $" at line {(l + 1).ToString(CultureInfo.InvariantCulture)}, byte {(e.BytePositionInLine + 1 ?? 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            var why = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? $" (nested deeper than {PlanLimits.MaxDepth})" : string.Empty;
            throw new ChangeInputException(Core.Text.SafeText.Line($"plan: not valid JSON{at}{why}"), e);
        }
    }

    /// <summary>Only major version 1 is read: a later major version may change what the properties mean.</summary>
    private static void CheckVersion(JsonElement root)
    {
        if (!root.TryGetProperty("format_version", out var version))
        {
            throw PlanShape.Error("format_version", "missing: not the output of terraform show -json PLANFILE");
        }

        if (version.ValueKind != JsonValueKind.String)
        {
            throw PlanShape.Expected("format_version", "a string", version);
        }

        var text = version.GetString()!;
        if (text.Split('.')[0] != "1" || !text.Contains('.', StringComparison.Ordinal))
        {
            throw PlanShape.Error("format_version", $"{Core.Text.SafeText.Quote(text)} is not supported (1.x is)");
        }
    }

    /// <summary>The <c>resource_changes</c> list; undefined for a plan that changes nothing (Terraform then omits it).</summary>
    private static JsonElement ResourceChanges(JsonElement root)
    {
        if (root.TryGetProperty("resource_changes", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw PlanShape.Expected("resource_changes", "a list", list);
            }

            if (list.GetArrayLength() > PlanLimits.MaxResourceChanges)
            {
                throw PlanShape.Error("resource_changes", $"more than {PlanLimits.MaxResourceChanges.ToString("N0", CultureInfo.InvariantCulture)} entries");
            }

            return list;
        }

        if (root.TryGetProperty("planned_values", out _) || root.TryGetProperty("configuration", out _) || root.TryGetProperty("prior_state", out _))
        {
            return default;
        }

        throw PlanShape.Error("resource_changes", root.TryGetProperty("values", out _)
            ? "missing: this is a state (terraform show -json without a plan file), not a plan"
            : "missing: not the output of terraform show -json PLANFILE");
    }
}
