using System.Globalization;
using System.Text;
using System.Text.Json;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>
/// One element of the plan's <c>resource_changes</c>: a resource instance's address, type and planned action, with
/// its <c>before</c>, <c>after</c> and <c>after_unknown</c> values read by path.
/// </summary>
internal sealed class ResourceChangeEntry
{
    private readonly JsonElement before;
    private readonly JsonElement after;
    private readonly JsonElement afterUnknown;

    public ResourceChangeEntry(int index, string address, string type, string name, string? moduleAddress, string? instanceKey, PlanAction action, JsonElement before, JsonElement after, JsonElement afterUnknown, ChangeSource source)
    {
        Index = index;
        Address = address;
        Type = type;
        Name = name;
        ModuleAddress = moduleAddress;
        InstanceKey = instanceKey;
        Action = action;
        this.before = before;
        this.after = after;
        this.afterUnknown = afterUnknown;
        Source = source;
    }

    public int Index { get; }

    /// <summary>Its path in the plan for messages: <c>resource_changes[3]</c>.</summary>
    public string Path => "resource_changes[" + Index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The instance's absolute address (<c>module.lake.aws_iam_role.reader["a"]</c>).</summary>
    public string Address { get; }

    public string Type { get; }

    public string Name { get; }

    /// <summary>The module's address (<c>module.lake</c>), null in the root module.</summary>
    public string? ModuleAddress { get; }

    /// <summary>The instance key (<c>count</c> index or <c>for_each</c> key) as JSON text, null when none.</summary>
    public string? InstanceKey { get; }

    public PlanAction Action { get; }

    public ChangeSource Source { get; }

    /// <summary>A value of the planned state, unknown where <c>after_unknown</c> says so.</summary>
    public PlanValue After(params object[] path) => Walk("after", after, afterUnknown, path);

    /// <summary>A value of the prior state (always known).</summary>
    public PlanValue Before(params object[] path) => Walk("before", before, default, path);

    /// <summary>Whether a value differs between the prior and the planned state (an unknown value may).</summary>
    public bool Changed(params object[] path)
    {
        var a = After(path);
        var b = Before(path);
        return a.State switch
        {
            ValueState.Unknown => true,
            ValueState.Null => b.State != ValueState.Null && !IsEmpty(b.Element),
            _ => b.State == ValueState.Null ? !IsEmpty(a.Element) : !JsonElement.DeepEquals(a.Element, b.Element),
        };
    }

    private static bool IsEmpty(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!.Length == 0,
        JsonValueKind.Array => e.GetArrayLength() == 0,
        _ => false,
    };

    private PlanValue Walk(string side, JsonElement root, JsonElement unknown, object[] path)
    {
        var text = new StringBuilder(side);
        var value = root;
        foreach (var step in path)
        {
            if (unknown.ValueKind == JsonValueKind.True)
            {
                break;
            }

            switch (step)
            {
                case string name:
                    text.Append('.').Append(name);
                    value = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var v) ? v : default;
                    unknown = unknown.ValueKind == JsonValueKind.Object && unknown.TryGetProperty(name, out var u) ? u : default;
                    break;
                case int i:
                    text.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                    value = value.ValueKind == JsonValueKind.Array && i < value.GetArrayLength() ? value[i] : default;
                    unknown = unknown.ValueKind == JsonValueKind.Array && i < unknown.GetArrayLength() ? unknown[i] : default;
                    break;
                default:
                    throw new ArgumentException("a path step is a property name or an index", nameof(path));
            }
        }

        // Unknown values are absent from "after" (or null) and true in "after_unknown".
        if (unknown.ValueKind == JsonValueKind.True)
        {
            return new PlanValue(ValueState.Unknown, default, text.ToString(), Path);
        }

        return value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            ? new PlanValue(ValueState.Null, default, text.ToString(), Path)
            : new PlanValue(ValueState.Known, value, text.ToString(), Path);
    }
}
