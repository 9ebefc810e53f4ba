using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>Whose credentials read a table's objects: the reading role's own, or those Lake Formation vends.</summary>
internal abstract record TableRoute(TableLocation Table)
{
    /// <summary>The reading role reads with its own permissions (the location is not registered, or IAM governs it).</summary>
    /// <param name="Table">The table.</param>
    /// <param name="Why">Why IAM governs a registered location (hybrid mode without opt-in, IAM_ALLOWED_PRINCIPALS); null when it is not registered.</param>
    public sealed record ByRole(TableLocation Table, string? Why) : TableRoute(Table);

    /// <summary>
    /// Lake Formation governs the table for the reading role: it checks the role's grants and reads the objects with
    /// credentials vended from the registration role (Lake Formation DG "Underlying data access control").
    /// </summary>
    /// <param name="Table">The table.</param>
    /// <param name="Account">The account whose Lake Formation governs it (the Glue catalog's).</param>
    /// <param name="Location">The longest registered location holding the table.</param>
    /// <param name="Facts">That account's Lake Formation state.</param>
    public sealed record ByLakeFormation(TableLocation Table, string Account, LfRegisteredLocation Location, LakeFormationFacts Facts) : TableRoute(Table);

    /// <summary>The snapshot lacks what decides the route: the role's own access is judged, the Lake Formation part is unchecked.</summary>
    /// <param name="Table">The table.</param>
    /// <param name="What">The missing input, in words.</param>
    public sealed record NotKnown(TableLocation Table, string What) : TableRoute(Table);

    /// <summary><c>s3://bucket/prefix</c>, the table's location as findings name it.</summary>
    public string Where => $"s3://{Table.Bucket}/{Table.Prefix}";
}
