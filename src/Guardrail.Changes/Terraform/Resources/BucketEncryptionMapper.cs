using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_s3_bucket_server_side_encryption_configuration</c> (<c>bucket</c>,
/// <c>rule[0].apply_server_side_encryption_by_default[0].sse_algorithm</c> and <c>kms_master_key_id</c>,
/// <c>rule[0].bucket_key_enabled</c>); deleted: S3's default, SSE-S3.
/// </summary>
internal sealed class BucketEncryptionMapper : IResourceMapper
{
    public string Type => "aws_s3_bucket_server_side_encryption_configuration";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (!entry.Action.Writes())
        {
            if (entry.Before("bucket").NonEmptyString() is { } old)
            {
                changes.Add(new BucketEncryptionChange(entry.Source, old, new Proposed<BucketEncryption>.Removed()));
            }

            return;
        }

        var bucket = PlanValues.Identity(entry.After("bucket"));
        if (bucket.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Key], bucket));
            return;
        }

        if (entry.Action != PlanAction.Update || entry.Changed("rule"))
        {
            changes.Add(new BucketEncryptionChange(entry.Source, bucket.Value, Encryption(entry, plan)));
        }
    }

    private static Proposed<BucketEncryption> Encryption(ResourceChangeEntry entry, TerraformPlan plan)
    {
        var algorithm = entry.After("rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm");
        var keyId = entry.After("rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id");
        var bucketKey = entry.After("rule", 0, "bucket_key_enabled");
        if (algorithm.IsUnknown || bucketKey.IsUnknown)
        {
            var unknown = algorithm.IsUnknown ? algorithm : bucketKey;
            return new Proposed<BucketEncryption>.Unknown(unknown.Path, PlanValues.AfterApply);
        }

        var kind = algorithm.String() switch
        {
            "AES256" or null => EncryptionAlgorithm.Aes256,
            "aws:kms" => EncryptionAlgorithm.Kms,
            "aws:kms:dsse" => EncryptionAlgorithm.KmsDsse,
            _ => throw algorithm.Shape("AES256, aws:kms or aws:kms:dsse"),
        };
        if (kind == EncryptionAlgorithm.Aes256)
        {
            return new Proposed<BucketEncryption>.Set(new BucketEncryption(kind, null, bucketKey.Bool() ?? false));
        }

        // aws:kms without a key: the AWS managed key aws/s3.
        if (!keyId.IsUnknown && keyId.NonEmptyString() is null)
        {
            return new Proposed<BucketEncryption>.Set(new BucketEncryption(kind, null, bucketKey.Bool() ?? false));
        }

        var key = KeyArn(entry, plan, keyId);
        return key.Value is { } arn
            ? new Proposed<BucketEncryption>.Set(new BucketEncryption(kind, arn, bucketKey.Bool() ?? false))
            : new Proposed<BucketEncryption>.Unknown(key.Property, key.Reason);
    }

    /// <summary>The key as an ARN (a key id or alias name is made one with the Region and account); a key the plan creates by its placeholder.</summary>
    private static Resolution KeyArn(ResourceChangeEntry entry, TerraformPlan plan, PlanValue keyId)
    {
        if (keyId.IsUnknown)
        {
            return plan.Referenced(entry, "aws_kms_key", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id") is { } key && key.Action == PlanAction.Create
                ? Resolution.Of(plan.KeyArn(key))
                : Resolution.Unknown(keyId.Path, PlanValues.AfterApply);
        }

        var id = keyId.NonEmptyString()!;
        if (id.StartsWith("arn:", StringComparison.Ordinal))
        {
            return Resolution.Of(id);
        }

        // The resource's own region (provider 6) before the one the plan deploys to.
        var context = plan.Context;
        var region = entry.After("region").IsKnown ? entry.After("region").NonEmptyString() ?? context.Region : context.Region;
        return context.Account is { } account && region is not null
            ? Resolution.Of($"arn:{context.Partition}:kms:{region}:{account}:{(id.StartsWith("alias/", StringComparison.Ordinal) ? id : "key/" + id)}")
            : Resolution.Unknown(keyId.Path, "a key id or alias, whose ARN needs the account and Region (--account, --region)");
    }
}
