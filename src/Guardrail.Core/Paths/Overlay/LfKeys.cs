using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>When two Lake Formation permissions are for the same principal and the same resource (lists compared by content).</summary>
internal static class LfKeys
{
    public static bool Same(LfPermission a, LfPermission b) => a.Principal == b.Principal && Same(a.Resource, b.Resource);

    private static bool Same(LfResource a, LfResource b) => (a, b) switch
    {
        (LfResource.TableWithColumns x, LfResource.TableWithColumns y) =>
            x.DatabaseName == y.DatabaseName && x.Name == y.Name && SameList(x.ColumnNames, y.ColumnNames) && SameList(x.ExcludedColumnNames, y.ExcludedColumnNames),
        (LfResource.TagPolicy x, LfResource.TagPolicy y) =>
            x.ResourceType == y.ResourceType && x.Expression.Count == y.Expression.Count
            && x.Expression.Zip(y.Expression).All(p => p.First.TagKey == p.Second.TagKey && SameList(p.First.TagValues, p.Second.TagValues)),
        _ => a.Equals(b),
    };

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
