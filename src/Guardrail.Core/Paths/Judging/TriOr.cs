using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// "Some route grants every request" from per-route answers that are each the worst over a shape. True if one route
/// grants everywhere. False only if every route fails and none varies within the shape — then each fails on every
/// request alike, so on the same one; otherwise two routes might cover each other's gaps, which is left unknown.
/// </summary>
internal static class TriOr
{
    public static Tri Of(params (Tri Value, bool Varies)[] routes)
    {
        if (routes.Any(r => r.Value == Tri.True))
        {
            return Tri.True;
        }

        return routes.All(r => r.Value == Tri.False) && !routes.Any(r => r.Varies) ? Tri.False : Tri.Unknown;
    }
}
