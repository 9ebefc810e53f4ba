using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// Each bucket's policy, judged as <c>check bucket-policy</c> judges it (denies, the cross-account grant, security),
/// plus the cross-account grant of <c>s3:GetBucketLocation</c>, the reads of tables through an S3 access point
/// (<see cref="AccessPointCheck"/>) and the RCPs of the bucket's account.
/// </summary>
internal sealed class BucketHop : IHop
{
    public HopKind Kind => HopKind.Bucket;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        foreach (var skipped in path.SkippedBuckets)
        {
            hop.Judged(Tri.Unknown);
            hop.Add($"bucket {skipped.Name}", RuleIds.EvaluationBudget, Tri.Unknown, "(bucket)", $"Bucket {skipped.Name} and its {skipped.Prefixes.Count} table locations were not judged: the path's work budget ran out first (the snapshot has {path.Buckets.Count + path.SkippedBuckets.Count} buckets).");
        }

        foreach (var bucket in path.Buckets)
        {
            var document = $"bucket policy of {bucket.Name}";
            if (bucket.Facts is null)
            {
                hop.Unchecked($"bucket {bucket.Name}", $"bucket {bucket.Name} (not in the snapshot's buckets)");
                continue;
            }

            if (bucket.Account is not { } account)
            {
                hop.Unchecked($"bucket {bucket.Name}", $"the account that owns bucket {bucket.Name}");
                continue;
            }

            if (bucket.Facts.Policy is not { } policy)
            {
                hop.Unchecked(document, $"the bucket policy of {bucket.Name}");
            }
            else
            {
                foreach (var kind in path.Kinds)
                {
                    hop.Add(document, path.Counted(BucketPolicyEvaluator.Judge(policy.Value, path.Options(bucket, kind), path.Budget)));
                }

                if (account != path.Reader.AccountId)
                {
                    var set = PolicySet.Of(new Snapshot.NamedPolicy(document, policy.Value ?? EmptyPolicy.Instance));
                    foreach (var shape in path.S3Shapes(bucket).Where(s => s.Action == "s3:GetBucketLocation"))
                    {
                        hop.Add(path.Decide(set, shape), SetPart.Grant, HopRules.Always(RuleIds.PrincipalDenied), w => (RuleIds.MissingCrossAccountGrant, $"The bucket belongs to account {account} but the Spectrum role is in {path.Reader.AccountId}: the bucket policy must allow {w.Description}, and no statement does."));
                    }
                }
            }

            AccessPointCheck.Apply(hop, path, bucket, account);
            ResourceControl.Apply(hop, path, account, path.S3Shapes(bucket));
        }

        return hop.Build(path);
    }
}
