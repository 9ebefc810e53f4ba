using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.LakeFormation;

/// <summary>
/// The Lake Formation reads of one account's catalog (the account the reader is signed for). Listings follow every
/// page up to <see cref="Calls.ReadLimits.MaxPages"/>. Failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface ILakeFormationReader
{
    /// <summary><c>ListResources</c>: every registered S3 location.</summary>
    Task<IReadOnlyList<LfRegisteredLocation>> ListResourcesAsync(CancellationToken cancellationToken);

    /// <summary><c>DescribeResource</c>: one registered location; null when it is not registered.</summary>
    Task<LfRegisteredLocation?> DescribeResourceAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>
    /// <c>ListPermissions</c>, every page: the grants on <paramref name="filter"/>'s resource (with its principal
    /// only, when it names one: a role ARN, an account id or <c>IAM_ALLOWED_PRINCIPALS</c>).
    /// </summary>
    Task<IReadOnlyList<LfPermissionEntry>> ListPermissionsAsync(LfPermissionFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// <c>ListPermissions</c> by resource type (<c>TABLE</c>: every grant on tables, every table of a database and
    /// columns; <c>DATABASE</c>: on databases), every page, for every principal (Lake Formation takes a principal only
    /// with a resource).
    /// </summary>
    Task<IReadOnlyList<LfPermissionEntry>> ListPermissionsOfTypeAsync(string resourceType, CancellationToken cancellationToken);

    /// <summary>
    /// <c>ListPermissions</c> by resource type, every page: the grants made through LF-tag policies on tables
    /// (<c>LF_TAG_POLICY_TABLE</c>), which no table's own listing names.
    /// </summary>
    Task<IReadOnlyList<LfPermissionEntry>> ListTagPolicyTablePermissionsAsync(CancellationToken cancellationToken);

    /// <summary><c>GetResourceLFTags</c> of a database or table: the LF-tags on it and (for a table) on its database.</summary>
    Task<LfResourceTags> GetResourceTagsAsync(LfResource resource, CancellationToken cancellationToken);

    /// <summary><c>ListLakeFormationOptIns</c>, every page, optionally for one principal and/or one resource.</summary>
    Task<IReadOnlyList<LfOptInEntry>> ListOptInsAsync(string? principal, LfResource? resource, CancellationToken cancellationToken);

    /// <summary><c>GetDataLakeSettings</c> of the account's catalog.</summary>
    Task<LfDataLakeSettings> GetDataLakeSettingsAsync(CancellationToken cancellationToken);
}

/// <summary>What to list the grants of: a resource, and optionally only one principal's.</summary>
/// <param name="Resource">The database, table... (Lake Formation needs a resource whenever a principal is named).</param>
/// <param name="Principal">A role ARN, an account id or <c>IAM_ALLOWED_PRINCIPALS</c>; null for every principal.</param>
public sealed record LfPermissionFilter(LfResource Resource, string? Principal = null);

/// <summary>One grant as <c>ListPermissions</c> reports it.</summary>
/// <param name="Principal">Who it is for.</param>
/// <param name="Resource">What it is on; null when the resource is of a kind the snapshot does not name (see <paramref name="ResourceJson"/>).</param>
/// <param name="ResourceJson">The resource exactly as Lake Formation gave it (API JSON).</param>
/// <param name="Permissions">The permissions granted (<c>SELECT</c>, <c>DESCRIBE</c>, <c>ALL</c>...).</param>
/// <param name="PermissionsWithGrantOption">The permissions the principal may grant on.</param>
public sealed record LfPermissionEntry(string Principal, LfResource? Resource, string ResourceJson, IReadOnlyList<string> Permissions, IReadOnlyList<string> PermissionsWithGrantOption);

/// <summary>The LF-tags <c>GetResourceLFTags</c> reports, tag key to values.</summary>
/// <param name="OnDatabase">The tags of the database (of the table's database, for a table).</param>
/// <param name="OnTable">The tags of the table; empty for a database.</param>
public sealed record LfResourceTags(IReadOnlyDictionary<string, IReadOnlyList<string>> OnDatabase, IReadOnlyDictionary<string, IReadOnlyList<string>> OnTable);

/// <summary>A hybrid-mode opt-in as <c>ListLakeFormationOptIns</c> reports it.</summary>
/// <param name="Principal">Who is opted in.</param>
/// <param name="Resource">On what; null when of a kind the snapshot does not name.</param>
/// <param name="ResourceJson">The resource exactly as Lake Formation gave it.</param>
public sealed record LfOptInEntry(string Principal, LfResource? Resource, string ResourceJson);

/// <summary>What <c>GetDataLakeSettings</c> reports that bears on access.</summary>
/// <param name="DataLakeAdmins">The data lake administrators' principals.</param>
/// <param name="CreateDatabaseDefaultPermissions">The default permissions on new databases (<c>IAM_ALLOWED_PRINCIPALS</c> with <c>ALL</c>: IAM-only access control).</param>
/// <param name="CreateTableDefaultPermissions">The default permissions on new tables.</param>
public sealed record LfDataLakeSettings(
    IReadOnlyList<string> DataLakeAdmins,
    IReadOnlyList<LfDefaultPermission> CreateDatabaseDefaultPermissions,
    IReadOnlyList<LfDefaultPermission> CreateTableDefaultPermissions);

/// <summary>One default permission of the data lake settings.</summary>
public sealed record LfDefaultPermission(string Principal, IReadOnlyList<string> Permissions);
