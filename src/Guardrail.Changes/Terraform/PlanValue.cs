using System.Globalization;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Changes.Terraform;

/// <summary>Whether a plan value is known: null (absent or JSON null), known, or known only after apply (<c>after_unknown</c>).</summary>
internal enum ValueState
{
    Null,
    Known,
    Unknown,
}

/// <summary>
/// One value of a resource's <c>before</c> or <c>after</c>, with its path in the plan (<c>after.rule[0].bucket_key_enabled</c>),
/// so every unknown value and every shape error names where it is.
/// </summary>
/// <param name="State">Null, known or unknown.</param>
/// <param name="Element">The value when known.</param>
/// <param name="Path">Its path below the change (<c>after.policy</c>).</param>
/// <param name="Entry">The entry's path (<c>resource_changes[3]</c>), for errors.</param>
internal readonly record struct PlanValue(ValueState State, JsonElement Element, string Path, string Entry)
{
    public bool IsKnown => State == ValueState.Known;

    public bool IsUnknown => State == ValueState.Unknown;

    /// <summary>The known string; null for a null value; an error for another kind. Call only when not unknown.</summary>
    public string? String() => State != ValueState.Known ? null
        : Element.ValueKind == JsonValueKind.String ? Element.GetString()
        : throw Shape("a string");

    /// <summary>The known string, null when null or empty.</summary>
    public string? NonEmptyString() => String() is { Length: > 0 } s ? s : null;

    /// <summary>The known boolean; null for a null value.</summary>
    public bool? Bool() => State != ValueState.Known ? null
        : Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Shape("a boolean"),
        };

    /// <summary>The known list of strings (a Terraform list or set); empty for a null value.</summary>
    public IReadOnlyList<string> Strings()
    {
        if (State != ValueState.Known)
        {
            return [];
        }

        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Shape("a list of strings");
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            if (++i > PlanLimits.MaxListItems)
            {
                throw new ChangeInputException(SafeText.Line($"plan: {Entry}.change.{Path}: more than {PlanLimits.MaxListItems.ToString(CultureInfo.InvariantCulture)} elements"));
            }

            if (item.ValueKind != JsonValueKind.String)
            {
                throw new ChangeInputException(SafeText.Line($"plan: {Entry}.change.{Path}[{(i - 1).ToString(CultureInfo.InvariantCulture)}]: expected a string, found {Kind(item)}"));
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    /// <summary>The number of elements of a known list (a nested block); 0 for a null value.</summary>
    public int Count() => State != ValueState.Known ? 0
        : Element.ValueKind == JsonValueKind.Array ? Math.Min(Element.GetArrayLength(), PlanLimits.MaxListItems)
        : throw Shape("a list");

    public ChangeInputException Shape(string expected) =>
        new(SafeText.Line($"plan: {Entry}.change.{Path}: expected {expected}, found {Kind(Element)}"));

    internal static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string " + SafeText.Quote(element.GetString()),
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
