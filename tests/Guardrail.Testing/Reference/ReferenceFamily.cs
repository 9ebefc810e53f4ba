using System.Globalization;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Testing.Reference;

/// <summary>
/// The materialising request family of commit 217b308, kept as a test oracle and for the differential export only:
/// it lists every cell of the cross product, so it is exact but unbounded (the product evaluator must agree with it).
/// The requests Spectrum must be able to make on a bucket: <c>s3:ListBucket</c> on the bucket for each table
/// location, and <c>s3:GetObject</c> on the objects under it through presigned URLs of every age up to an hour,
/// at every time from now on. Ranges are cut into cells by the policy's constants (see <see cref="ThresholdPoints"/>).
/// </summary>
public static class ReferenceFamily
{
    /// <summary>The request shapes that together stand for everything Spectrum does on the bucket.</summary>
    public static IReadOnlyList<ReferenceRequest> ForBucket(PolicyDocument? policy, BucketCheckOptions options)
    {
        var baseContext = SpectrumContext.ForBucket(options);
        var principal = new RoleSessionPrincipal(options.ReadingRole);
        var bucketArn = $"arn:aws:s3:::{options.Bucket}";
        var times = ReferenceThresholdPoints.ForTime(policy, options.Now);
        var ages = ReferenceThresholdPoints.ForInteger(policy, "s3:signatureAge", 0, SpectrumContext.PresignedUrlLifetimeMs);
        var requests = new List<ReferenceRequest>();

        foreach (var time in times)
        {
            var timed = At(baseContext, time);
            var when = times.Count > 1 ? $" at {ReferenceThresholdPoints.FormatTime(time)}" : string.Empty;

            if (options.Prefixes.Count == 0)
            {
                var unknownPrefix = SpectrumContext.Listing(timed, ages, prefix: null);
                requests.Add(new(new AccessRequest("s3:ListBucket", new ConcreteResource(bucketArn), principal, unknownPrefix, $"s3:ListBucket on {bucketArn}{when}"), null));
            }
            else
            {
                foreach (var prefix in options.Prefixes)
                {
                    var context = SpectrumContext.Listing(timed, ages, prefix);
                    requests.Add(new(new AccessRequest("s3:ListBucket", new ConcreteResource(bucketArn), principal, context, $"s3:ListBucket on {bucketArn} with prefix \"{prefix}\"{when}"), null));
                }
            }

            // Which objects stand for each table location depends on the policy, not on the URL's age.
            var witnesses = options.Prefixes.ToDictionary(p => p, p => ReferenceObjectWitnesses.For(policy, $"{bucketArn}/{p}", timed));
            foreach (var age in ages)
            {
                var getContext = SpectrumContext.PresignedGet(timed, age);
                var how = ages.Count > 1 ? $"through a presigned URL {age} ms old{when}" : $"through a presigned URL{when}";
                if (options.Prefixes.Count == 0)
                {
                    var family = $"{bucketArn}/*";
                    var resource = new UnknownResource(family, "which objects Spectrum reads is not known: the table locations were not supplied");
                    requests.Add(new(new AccessRequest("s3:GetObject", resource, principal, getContext, $"s3:GetObject on objects in {family} {how}"), null));
                    continue;
                }

                foreach (var prefix in options.Prefixes)
                {
                    var family = $"{bucketArn}/{prefix}";
                    foreach (var arn in witnesses[prefix])
                    {
                        requests.Add(new(new AccessRequest("s3:GetObject", new ConcreteResource(arn), principal, getContext, $"s3:GetObject on {arn} {how}"), family));
                    }
                }
            }
        }

        return requests;
    }

    private static RequestContext At(RequestContext context, DateTimeOffset time) =>
        context.With(
            ("aws:CurrentTime", ContextValue.Of(ReferenceThresholdPoints.FormatTime(time))),
            ("aws:EpochTime", ContextValue.Of(time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
}
