namespace Guardrail.Changes.Terraform;

/// <summary>
/// What a plan does to one resource instance, from <c>change.actions</c>: <c>["no-op"]</c>, <c>["create"]</c>,
/// <c>["read"]</c>, <c>["update"]</c>, <c>["delete"]</c>, or a replacement (<c>["delete","create"]</c>,
/// <c>["create","delete"]</c> with <c>create_before_destroy</c>), a forget (<c>["forget"]</c>: a <c>removed</c> block
/// with <c>destroy = false</c>, the object stays) or a replacement that forgets the old object (<c>["create","forget"]</c>).
/// </summary>
internal enum PlanAction
{
    NoOp,
    Read,
    Forget,
    Create,
    Update,
    Delete,
    Replace,
}

/// <summary>Reads <c>change.actions</c>.</summary>
internal static class PlanActions
{
    /// <summary>The action the list names, or null when it is not one Terraform emits.</summary>
    public static PlanAction? Of(IReadOnlyList<string> actions) => actions switch
    {
        ["no-op"] => PlanAction.NoOp,
        ["read"] => PlanAction.Read,
        ["forget"] => PlanAction.Forget,
        ["create"] => PlanAction.Create,
        ["update"] => PlanAction.Update,
        ["delete"] => PlanAction.Delete,
        ["delete", "create"] or ["create", "delete"] => PlanAction.Replace,

        // The old object leaves the state but stays in AWS: only the new one changes anything.
        ["create", "forget"] => PlanAction.Create,
        _ => null,
    };

    /// <summary>Whether the resource exists after the plan (its <c>after</c> is the new state).</summary>
    public static bool Writes(this PlanAction action) => action is PlanAction.Create or PlanAction.Update or PlanAction.Replace;
}
