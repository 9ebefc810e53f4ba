using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Spectrum's reads of one table location through an S3 access point, as each policy sees them (S3 User Guide,
/// "Configuring IAM policies for using access points": "the Resource entry differs between the access point and
/// bucket policies"). The access point policy sees <c>arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME</c> for
/// <c>s3:ListBucket</c> and <c>.../accesspoint/NAME/object/KEY</c> for objects; the bucket policy sees the bucket's
/// and objects' own ARNs. Both carry the access point's keys: <c>s3:DataAccessPointArn</c>,
/// <c>s3:DataAccessPointAccount</c> and <c>s3:AccessPointNetworkOrigin</c> (<c>Internet</c> or <c>VPC</c>).
/// <c>s3:GetBucketLocation</c> is left out: whether Spectrum asks it through the access point is not documented (the
/// bucket hop judges it on the bucket).
/// </summary>
/// <param name="ThroughAccessPoint">The requests as the access point policy sees them.</param>
/// <param name="OnBucket">The same requests as the bucket policy sees them.</param>
internal sealed record AccessPointShapes(IReadOnlyList<RequestShape> ThroughAccessPoint, IReadOnlyList<RequestShape> OnBucket)
{
    private const string ResourceAccountWhy = "which account (the access point's or the bucket's) S3 sets for a request through another account's access point is not documented";

    /// <summary>The shapes of reading <paramref name="prefix"/> of <paramref name="bucket"/> through <paramref name="arn"/>, for every cluster kind of the path.</summary>
    public static AccessPointShapes For(PathJudging path, BucketReads bucket, string prefix, AccessPointArn arn, AccessPointFacts accessPoint)
    {
        var through = new List<RequestShape>();
        var onBucket = new List<RequestShape>();
        (string, ContextValue)[] keys =
        [
            ("s3:DataAccessPointArn", ContextValue.Of(arn.Arn)),
            ("s3:DataAccessPointAccount", ContextValue.Of(accessPoint.Account)),
            ("s3:AccessPointNetworkOrigin", ContextValue.Of(accessPoint.NetworkOrigin == AccessPointNetworkOrigin.Vpc ? "VPC" : "Internet")),
        ];
        var resourceAccount = accessPoint.Account == bucket.Account ? ContextValue.Of(accessPoint.Account) : ContextValue.Unknowable(ResourceAccountWhy, mayBeAbsent: false);
        foreach (var kind in path.Kinds)
        {
            var options = path.Options(bucket, kind) with { Prefixes = [prefix] };
            foreach (var shape in PathShapes.ForBucket(options).Where(s => s.Action != "s3:GetBucketLocation"))
            {
                var context = shape.Context.With(keys);
                onBucket.Add(shape with { Context = context });
                ShapeResource resource = shape.Resource is ObjectFamily
                    ? new ObjectFamily($"{arn.Arn}/object/{prefix}")
                    : new FixedResource(new ConcreteResource(arn.Arn));
                through.Add(shape with
                {
                    Context = context.With(("aws:ResourceAccount", resourceAccount), ("s3:ResourceAccount", resourceAccount)),
                    Resource = resource,
                });
            }
        }

        return new AccessPointShapes(through, onBucket);
    }
}
