namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// One account's Lake Formation state, in the shapes of its APIs (camelCased): the registered locations
/// (<c>ListResources</c>), the permissions (<c>ListPermissions</c>), the LF-tags of databases and tables
/// (<c>GetResourceLFTags</c>) and the hybrid-mode opt-ins (<c>ListLakeFormationOptIns</c>). Each part is null when
/// not given (unknown), never guessed.
/// </summary>
/// <param name="Resources">The registered S3 locations.</param>
/// <param name="Permissions">The permissions granted on catalog resources.</param>
/// <param name="ResourceTags">By <c>DB</c> or <c>DB/TABLE</c>: tag key to values.</param>
/// <param name="OptIns">The principals opted in to Lake Formation permissions for a resource (hybrid access mode).</param>
public sealed record LakeFormationFacts(
    IReadOnlyList<LfRegisteredLocation>? Resources,
    IReadOnlyList<LfPermission>? Permissions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? ResourceTags,
    IReadOnlyList<LfOptIn>? OptIns);

/// <summary>A location registered with Lake Formation.</summary>
/// <param name="ResourceArn"><c>arn:aws:s3:::bucket</c> or <c>arn:aws:s3:::bucket/prefix</c>.</param>
/// <param name="RoleArn">The registration role Lake Formation vends credentials from (the service-linked role when registered with it).</param>
/// <param name="HybridAccessEnabled">Whether the location is in hybrid access mode.</param>
public sealed record LfRegisteredLocation(string ResourceArn, string RoleArn, bool HybridAccessEnabled);

/// <summary>One grant: a principal's permissions on a catalog resource.</summary>
/// <param name="Principal">A role ARN, an account id, or <c>IAM_ALLOWED_PRINCIPALS</c>.</param>
/// <param name="Resource">What it is granted on.</param>
/// <param name="Permissions">Lake Formation permissions: <c>SELECT</c>, <c>DESCRIBE</c>, <c>ALL</c>...</param>
public sealed record LfPermission(string Principal, LfResource Resource, IReadOnlyList<string> Permissions);

/// <summary>A hybrid-mode opt-in: the principal is governed by Lake Formation permissions on the resource.</summary>
public sealed record LfOptIn(string Principal, LfResource Resource);

/// <summary>A Lake Formation catalog resource, as <c>ListPermissions</c> names it.</summary>
public abstract record LfResource
{
    private LfResource()
    {
    }

    /// <summary>One table.</summary>
    public sealed record Table(string DatabaseName, string Name) : LfResource;

    /// <summary>Every table of a database (<c>TableWildcard</c>).</summary>
    public sealed record AllTables(string DatabaseName) : LfResource;

    /// <summary>A database.</summary>
    public sealed record Database(string Name) : LfResource;

    /// <summary>Some columns of a table: the named ones, or all but the excluded ones (neither: all).</summary>
    public sealed record TableWithColumns(string DatabaseName, string Name, IReadOnlyList<string>? ColumnNames, IReadOnlyList<string>? ExcludedColumnNames) : LfResource;

    /// <summary>Every table (or database) whose LF-tags satisfy the expression: each key must carry one of its values.</summary>
    public sealed record TagPolicy(LfTagResourceType ResourceType, IReadOnlyList<LfTagCondition> Expression) : LfResource;
}

/// <summary>What an LF-tag policy grants on.</summary>
public enum LfTagResourceType
{
    Table,
    Database,
}

/// <summary>One term of an LF-tag expression: the tag key with any of its values.</summary>
public sealed record LfTagCondition(string TagKey, IReadOnlyList<string> TagValues);
