using System.Text.Json;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Reads and validates a snapshot document (the schema is in the README, "Access path snapshot"). Total: any string
/// gives a <see cref="PathSnapshot"/> or a <see cref="SnapshotParseException"/> whose one-line message names the
/// element by its JSON path. Every property name must be one the schema knows, so a typo is an error rather than an
/// absent (unchecked) input.
/// </summary>
public static class SnapshotReader
{
    /// <summary>The most a snapshot may be: 8 MiB of UTF-8 (a role's policies are at most about 60 KB, a bucket policy 20 KB).</summary>
    public const int MaxUtf8Bytes = 8 * 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private static readonly KnownNames Sections = new("spectrum", "roles", "buckets", "keys", "catalogs", "organization", "vpcEndpoints", "accessPoints", "lakeFormation");

    /// <summary>Parses <paramref name="text"/> into a <see cref="PathSnapshot"/>.</summary>
    /// <exception cref="SnapshotParseException">The text is not a valid snapshot; the message names the element.</exception>
    public static PathSnapshot Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SnapshotParseException(string.Empty, "the snapshot document is empty");
        }

        return JsonInput.Read(text, "snapshot", Options, MaxUtf8Bytes, 0, static (root, _) => ReadRoot(root), static detail => new SnapshotParseException(string.Empty, detail));
    }

    private static PathSnapshot ReadRoot(JsonElement root)
    {
        var path = JsonLocation.Root;
        var snapshot = SnapshotObject.Read(root, path, Sections);
        var spectrum = SpectrumSectionReader.Read(snapshot.Required(0, out var spectrumPath), spectrumPath);
        var roles = snapshot.TryGet(1, out var rolesElement, out var rolesPath) ? RoleSectionReader.Read(rolesElement, rolesPath) : [];
        var buckets = snapshot.TryGet(2, out var bucketsElement, out var bucketsPath) ? BucketSectionReader.Read(bucketsElement, bucketsPath) : [];
        var keys = snapshot.TryGet(3, out var keysElement, out var keysPath) ? KeySectionReader.Read(keysElement, keysPath) : [];
        var catalogs = snapshot.TryGet(4, out var catalogsElement, out var catalogsPath) ? OrganizationSectionReader.Catalogs(catalogsElement, catalogsPath) : [];
        var organization = snapshot.TryGet(5, out var organizationElement, out var organizationPath)
            ? OrganizationSectionReader.Organization(organizationElement, organizationPath)
            : null;
        var endpoints = snapshot.TryGet(6, out var endpointsElement, out var endpointsPath) ? VpcEndpointSectionReader.Read(endpointsElement, endpointsPath) : [];
        var accessPoints = snapshot.TryGet(7, out var accessPointsElement, out var accessPointsPath) ? AccessPointSectionReader.Read(accessPointsElement, accessPointsPath) : [];
        var lakeFormation = snapshot.TryGet(8, out var lakeFormationElement, out var lakeFormationPath)
            ? LakeFormationSectionReader.Read(lakeFormationElement, lakeFormationPath)
            : [];
        return new PathSnapshot(spectrum, roles, buckets, keys, catalogs, organization) { VpcEndpoints = endpoints, AccessPoints = accessPoints, LakeFormation = lakeFormation };
    }
}
