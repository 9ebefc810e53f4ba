using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform;

/// <summary>Makes the proposed changes of one Terraform resource type's planned change (create, update, delete, replace).</summary>
internal interface IResourceMapper
{
    /// <summary>The resource type it reads (<c>aws_s3_bucket_policy</c>).</summary>
    string Type { get; }

    /// <summary>Adds the changes <paramref name="entry"/> proposes (never called for no-op or read).</summary>
    void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes);
}
