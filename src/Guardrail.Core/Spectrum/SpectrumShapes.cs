using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Identifiers;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// The request shapes Spectrum must be able to make: on a bucket, <c>s3:ListBucket</c> for each table location
/// (signed in a way AWS does not document, every time from now on) and <c>s3:GetObject</c> on every object under it (presigned URLs of every
/// age up to an hour, every time from now on); on a role, Redshift's (or the previous role's) <c>sts:AssumeRole</c>.
/// </summary>
public static class SpectrumShapes
{
    /// <summary>The shapes of Spectrum's requests on the bucket, one listing and one read per table location.</summary>
    public static IReadOnlyList<RequestShape> ForBucket(BucketCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseContext = SpectrumContext.ForBucket(options);
        var time = NumericDimension.Time(options.Now);
        var age = NumericDimension.SignatureAge(SpectrumContext.PresignedUrlLifetimeMs);
        // The bucket is in the reading role's partition (Spectrum reads buckets of its own Region only).
        var bucketArn = AwsArn.Bucket(options.ReadingRole.Partition, options.Bucket);

        var getContext = SpectrumContext.PresignedGet(baseContext, signatureAge: null);
        var bucket = new FixedResource(new ConcreteResource(bucketArn));
        var shapes = new List<RequestShape>();
        if (options.Prefixes.Count == 0)
        {
            shapes.Add(new RequestShape("s3:ListBucket", SpectrumContext.Listing(baseContext, [], prefix: null), bucket, [time], static arn => $"s3:ListBucket on {arn}") { UnknownDimensions = [age] });
            var objects = new FixedResource(new UnknownResource($"{bucketArn}/*", "which objects Spectrum reads was not supplied"));
            shapes.Add(new RequestShape("s3:GetObject", getContext, objects, [age, time], static family => $"s3:GetObject on objects in {family} through a presigned URL"));
            return shapes;
        }

        foreach (var prefix in options.Prefixes)
        {
            var context = SpectrumContext.Listing(baseContext, [], prefix);
            var note = Note(options, prefix);
            shapes.Add(new RequestShape("s3:ListBucket", context, bucket, [time], arn => $"s3:ListBucket on {arn} with prefix \"{prefix}\"{note}") { UnknownDimensions = [age] });
        }

        foreach (var prefix in options.Prefixes)
        {
            var note = Note(options, prefix);
            shapes.Add(new RequestShape("s3:GetObject", getContext, new ObjectFamily($"{bucketArn}/{prefix}"), [age, time], arn => $"s3:GetObject on {arn} through a presigned URL{note}"));
        }

        return shapes;
    }

    private static string Note(BucketCheckOptions options, string prefix) => options.LocationNotes?.GetValueOrDefault(prefix) ?? string.Empty;

    /// <summary>The shape of Redshift (or the previous role of a chain) assuming the role, at every time from now on.</summary>
    public static RequestShape ForAssumeRole(TrustCheckOptions options, string who)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestShape(
            "sts:AssumeRole",
            SpectrumContext.ForAssumeRole(options),
            new FixedResource(new ConcreteResource(options.Role.Arn)),
            [NumericDimension.Time(options.Now)],
            arn => $"sts:AssumeRole on {arn} by {who}");
    }
}
