using System.Globalization;
using System.Text.Json;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>Reads one <c>resource_changes</c> element's identity and change; null for what the reader skips (data sources, deposed objects).</summary>
internal static class ResourceChangeParser
{
    public static ResourceChangeEntry? Parse(JsonElement element, int index, int? line, string file)
    {
        var path = "resource_changes[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw PlanShape.Expected(path, "an object", element);
        }

        var address = PlanShape.RequiredString(element, path, "address");
        var type = PlanShape.RequiredString(element, path, "type");
        var name = PlanShape.RequiredString(element, path, "name");
        var mode = PlanShape.OptionalString(element, path, "mode");
        var module = PlanShape.OptionalString(element, path, "module_address");
        var deposed = PlanShape.OptionalString(element, path, "deposed");
        var key = element.TryGetProperty("index", out var i) && i.ValueKind != JsonValueKind.Null ? i.GetRawText() : null;

        var changePath = path + ".change";
        if (!element.TryGetProperty("change", out var change))
        {
            throw PlanShape.Error(changePath, "missing");
        }

        if (change.ValueKind != JsonValueKind.Object)
        {
            throw PlanShape.Expected(changePath, "an object", change);
        }

        var action = Action(change, changePath + ".actions");
        var before = PlanShape.OptionalObject(change, changePath, "before");
        var after = PlanShape.OptionalObject(change, changePath, "after");
        var afterUnknown = change.TryGetProperty("after_unknown", out var u) && u.ValueKind is JsonValueKind.Object or JsonValueKind.True ? u
            : u.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False ? default
            : throw PlanShape.Expected(changePath + ".after_unknown", "an object", u);

        // A data source is read, not changed; a deposed object is an older instance the plan cleans up (the current one has its own entry).
        if (mode == "data" || deposed is not null)
        {
            return null;
        }

        if (action.Writes() && after.ValueKind != JsonValueKind.Object)
        {
            throw PlanShape.Error(changePath + ".after", "missing for " + Name(action));
        }

        if (action is PlanAction.Delete or PlanAction.Update or PlanAction.Replace && before.ValueKind != JsonValueKind.Object)
        {
            throw PlanShape.Error(changePath + ".before", "missing for " + Name(action));
        }

        return new ResourceChangeEntry(index, address, type, name, module, key, action, before, after, afterUnknown, new ChangeSource(file, address, line));
    }

    private static PlanAction Action(JsonElement change, string path)
    {
        if (!change.TryGetProperty("actions", out var actions))
        {
            throw PlanShape.Error(path, "missing");
        }

        if (actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() > 2 || actions.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            throw PlanShape.Expected(path, "a list of one or two actions", actions);
        }

        var names = actions.EnumerateArray().Select(a => a.GetString()!).ToList();
        return PlanActions.Of(names)
            ?? throw PlanShape.Error(path, "not an action Terraform plans: [" + string.Join(", ", names.Select(Core.Text.SafeText.Quote)) + "]");
    }

    private static string Name(PlanAction action) => action switch
    {
        PlanAction.Create => "a create",
        PlanAction.Update => "an update",
        PlanAction.Delete => "a delete",
        PlanAction.Replace => "a replacement",
        _ => "a change",
    };
}
