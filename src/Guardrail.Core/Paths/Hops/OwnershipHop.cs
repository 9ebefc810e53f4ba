using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// S3 Object Ownership for a reader in another account: with ACLs enabled, objects written by a third account
/// belong to it and the bucket policy's grant does not cover them. Whether such objects exist is not known: at risk.
/// </summary>
internal sealed class OwnershipHop : IHop
{
    public HopKind Kind => HopKind.Ownership;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        foreach (var bucket in path.Buckets)
        {
            var document = $"bucket {bucket.Name}";
            if (bucket.Facts?.Ownership is not { } ownership || bucket.Account is not { } account)
            {
                hop.Unchecked(document, $"the Object Ownership setting and account of bucket {bucket.Name}");
                continue;
            }

            if (account != path.Reader.AccountId && ownership != ObjectOwnership.BucketOwnerEnforced)
            {
                hop.Judged(Tri.Unknown);
                hop.Add(document, RuleIds.ObjectOwnership, Tri.Unknown, "(ownership)", $"Bucket {bucket.Name} has ACLs enabled ({ownership}) and the Spectrum role is in another account: objects another account wrote without bucket-owner-full-control belong to it, and the bucket policy's grant does not cover them.");
            }
        }

        return hop.Build(path);
    }
}
