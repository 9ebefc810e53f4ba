using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// The KMS key of each SSE-KMS bucket: it must be enabled; the AWS managed <c>aws/s3</c> key can't serve another
/// account; the key policy must not deny, and must let the role decrypt (by name, or by delegating to its account
/// when the role's policies allow — that part is the identity hop's), or a grant must; the key account's RCPs apply.
/// </summary>
internal sealed class KeyHop : IHop
{
    public HopKind Kind => HopKind.Key;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        foreach (var bucket in path.Buckets)
        {
            if (bucket.Facts?.Encryption is not { } encryption)
            {
                hop.Unchecked($"bucket {bucket.Name}", $"the default encryption of bucket {bucket.Name}");
                continue;
            }

            if (encryption.Algorithm == EncryptionAlgorithm.Aes256 || path.KeyRoute(bucket) is not { } route)
            {
                continue;
            }

            Judge(hop, path, route);
        }

        return hop.Build(path);
    }

    private static void Judge(HopBuilder hop, PathJudging path, KeyRoute route)
    {
        var key = route.KeyResource;
        if (route.Arn is null || route.Facts is not { } facts)
        {
            hop.Unchecked(key, $"the KMS key {key} of bucket {route.Bucket.Name} (not in the snapshot's keys)");
            return;
        }

        if (facts.State is not { } state)
        {
            hop.Unchecked(key, $"the state of key {key}");
        }
        else if (state != "Enabled")
        {
            hop.Judged(Tri.False);
            hop.Add(key, RuleIds.KeyDisabled, Tri.False, "(key)", $"The key is {state}: KMS refuses to decrypt with it, so S3 cannot return the SSE-KMS objects of bucket {route.Bucket.Name}.");
        }

        var managedElsewhere = facts.AwsManaged && route.Arn.Account != path.Reader.AccountId;
        if (managedElsewhere)
        {
            hop.Judged(Tri.False);
            hop.Add(key, RuleIds.AwsManagedKeyCrossAccount, Tri.False, "(key)", $"Bucket {route.Bucket.Name} is encrypted with an AWS managed key of account {route.Arn.Account}, which only that account's principals can use; the Spectrum role is in {path.Reader.AccountId}.");
        }

        if (facts.Policy is null)
        {
            hop.Unchecked(key, $"the key policy of {key}");
            return;
        }

        foreach (var decision in route.Decisions)
        {
            hop.Add(decision.Policy, SetPart.Denies, HopRules.Always(RuleIds.KeyPolicyDenies), HopRules.NoGrantAsked);
            if (decision.Total == Tri.True || decision.IdentityDecides || managedElsewhere)
            {
                continue;
            }

            if (facts.Grants is null)
            {
                hop.Unchecked(key, $"the grants of key {key} (the key policy alone does not let the role decrypt)");
                continue;
            }

            hop.Judged(decision.Total);
            if (decision.CutByBudget)
            {
                // Unknown because the work ran out, not because nothing lets the role in: say that, never a missing route.
                hop.Add(key, RuleIds.EvaluationBudget, Tri.Unknown, "(policy)", $"Whether the key policy, the role's policies or a grant let the Spectrum role make {decision.Shape.Summary} was not decided: the path's work budget ran out first.");
                continue;
            }

            var how = route.CrossAccount
                ? $"the key is in account {route.Arn.Account}, so its policy must allow the role (or its account) and the role's policy must allow kms:Decrypt too"
                : "the key policy neither allows the role nor delegates to its account with the role's policy allowing";
            hop.Add(key, RuleIds.KeyNotDelegated, decision.Total, "(policy)", $"Nothing lets the Spectrum role make {decision.Shape.Summary}: {how}, and no grant for the role with Decrypt applies.");
        }

        if (!facts.AwsManaged)
        {
            // "Resource control policies do not apply to AWS managed keys" (KMS Developer Guide, RCPs).
            ResourceControl.Apply(hop, path, route.Arn.Account, route.Shapes);
        }
    }
}
