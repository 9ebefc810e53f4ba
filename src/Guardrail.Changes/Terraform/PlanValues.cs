using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>Plan values made proposals: what is known is set, what is null is removed, what is unknown stays unknown.</summary>
internal static class PlanValues
{
    /// <summary>The reason of every value <c>after_unknown</c> marks.</summary>
    public const string AfterApply = "known only after apply";

    /// <summary>A policy JSON string, as it is (the plan has no lines inside it).</summary>
    public static Proposed<PolicyText> Policy(PlanValue value) => value.State switch
    {
        ValueState.Unknown => new Proposed<PolicyText>.Unknown(value.Path, AfterApply),
        _ => value.NonEmptyString() is { } json ? new Proposed<PolicyText>.Set(PolicyText.Of(json)) : new Proposed<PolicyText>.Removed(),
    };

    /// <summary>A list of strings; null or empty is the empty list.</summary>
    public static Proposed<IReadOnlyList<string>> Strings(PlanValue value) => value.IsUnknown
        ? new Proposed<IReadOnlyList<string>>.Unknown(value.Path, AfterApply)
        : new Proposed<IReadOnlyList<string>>.Set(value.Strings());

    /// <summary>A known identity (a name, an ARN, an id) or why it is not known.</summary>
    public static Resolution Identity(PlanValue value) => value.State switch
    {
        ValueState.Unknown => Resolution.Unknown(value.Path, AfterApply),
        _ => value.NonEmptyString() is { } s ? Resolution.Of(s) : Resolution.Unknown(value.Path, "not set in the plan"),
    };

    /// <summary>A resource that may be on the path but whose identity the plan does not determine.</summary>
    public static UnresolvedResourceChange Unresolved(ResourceChangeEntry entry, IReadOnlyList<HopKind> hops, Resolution why) =>
        new(entry.Source, hops, why.Property, why.Reason);
}
