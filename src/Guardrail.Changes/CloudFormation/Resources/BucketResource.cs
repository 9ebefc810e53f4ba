using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::S3::Bucket</c>: <c>BucketEncryption</c> (the first rule's default encryption and bucket key) and
/// <c>OwnershipControls</c> (the first rule), each only when the template states it. A bucket without
/// <c>BucketName</c> or physical id gets a placeholder name: a new bucket, off the path.
/// </summary>
internal sealed class BucketResource : ICloudFormationResource
{
    public string Type => "AWS::S3::Bucket";

    public IReadOnlyList<HopKind> Touches => [HopKind.Key, HopKind.Ownership];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        var encryption = resource.Get("BucketEncryption");
        var ownership = resource.Get("OwnershipControls");
        if (encryption is null && ownership is null)
        {
            yield break;
        }

        if (resource.Name() is not Proposed<string>.Set name)
        {
            yield return resource.Unresolved(Touches, (Proposed<string>.Unknown)resource.Name());
            yield break;
        }

        if (encryption is not null)
        {
            yield return new BucketEncryptionChange(resource.Source, name.Value, Encryption(encryption, resource.PathOf("BucketEncryption")));
        }

        if (ownership is not null)
        {
            yield return new BucketOwnershipChange(resource.Source, name.Value, Ownership(ownership, resource.PathOf("OwnershipControls")));
        }
    }

    private static Proposed<BucketEncryption> Encryption(TemplateNode node, string path)
    {
        var rulesPath = path + ".ServerSideEncryptionConfiguration";
        var rule = First(node, "ServerSideEncryptionConfiguration", path);
        if (rule is UnknownNode u)
        {
            return new Proposed<BucketEncryption>.Unknown(u.Property, u.Reason);
        }

        if (rule is not MapNode map)
        {
            return new Proposed<BucketEncryption>.Removed();
        }

        var rulePath = rulesPath + "[0]";
        if (PolicyDocuments.FirstUnknown(map) is { } inside)
        {
            return new Proposed<BucketEncryption>.Unknown(inside.Property, inside.Reason);
        }

        var byDefault = map["ServerSideEncryptionByDefault"] as MapNode;
        var algorithm = (byDefault?["SSEAlgorithm"] as ScalarNode)?.Value switch
        {
            "AES256" => EncryptionAlgorithm.Aes256,
            "aws:kms" => EncryptionAlgorithm.Kms,
            "aws:kms:dsse" => EncryptionAlgorithm.KmsDsse,
            var other => throw TemplateErrors.At(byDefault ?? (TemplateNode)map, rulePath + ".ServerSideEncryptionByDefault.SSEAlgorithm", $"not an S3 encryption algorithm (AES256, aws:kms, aws:kms:dsse): {SafeText.Quote(other)}"),
        };
        var key = (byDefault?["KMSMasterKeyID"] as ScalarNode)?.Value;
        var bucketKey = (map["BucketKeyEnabled"] as ScalarNode)?.Value is "true";
        return new Proposed<BucketEncryption>.Set(new BucketEncryption(algorithm, algorithm == EncryptionAlgorithm.Aes256 ? null : key, bucketKey));
    }

    private static Proposed<ObjectOwnership> Ownership(TemplateNode node, string path)
    {
        var rule = First(node, "Rules", path);
        return rule switch
        {
            UnknownNode u => new Proposed<ObjectOwnership>.Unknown(u.Property, u.Reason),
            MapNode m => m["ObjectOwnership"] switch
            {
                UnknownNode u => new Proposed<ObjectOwnership>.Unknown(u.Property, u.Reason),
                ScalarNode { Value: "BucketOwnerEnforced" } => new Proposed<ObjectOwnership>.Set(ObjectOwnership.BucketOwnerEnforced),
                ScalarNode { Value: "BucketOwnerPreferred" } => new Proposed<ObjectOwnership>.Set(ObjectOwnership.BucketOwnerPreferred),
                ScalarNode { Value: "ObjectWriter" } => new Proposed<ObjectOwnership>.Set(ObjectOwnership.ObjectWriter),
                var other => throw TemplateErrors.At(other ?? m, path + ".Rules[0].ObjectOwnership", "not an Object Ownership setting (BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter)"),
            },
            _ => new Proposed<ObjectOwnership>.Removed(),
        };
    }

    // The first element of a list property (or the unknown standing for the list).
    private static TemplateNode? First(TemplateNode node, string list, string path) => node switch
    {
        UnknownNode u => u,
        MapNode m => m[list] switch
        {
            UnknownNode u => u,
            ListNode { Items.Count: > 0 } l => l.Items[0],
            null or ListNode => null,
            var other => throw TemplateErrors.At(other, $"{path}.{list}", "expected a list"),
        },
        _ => throw TemplateErrors.At(node, path, "expected a map"),
    };

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) => resource.Name() switch
    {
        Proposed<string>.Set name => [new BucketDeletedChange(resource.Source, name.Value)],
        var unknown => [resource.Unresolved([HopKind.Bucket], (IUnknownValue)unknown)],
    };
}
