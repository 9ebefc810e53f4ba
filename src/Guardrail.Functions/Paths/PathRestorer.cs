using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Collect;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Functions.Configuration;
using Guardrail.Aws.LakeFormation;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// Puts back the one hop an event changed, as the path's known-good state had it, with the writers of the account
/// that owns it. Every restore is the exact inverse of its call: an inline policy put back (or the added one
/// deleted), an attachment re-made (or the added one detached), the known-good default version set, the boundary put
/// back (or removed), the key policy put back, the key enabled (after cancelling its deletion), the bucket's default
/// encryption or ownership controls put back (or removed). Where the known-good state does not say what to write,
/// nothing is written and the restore fails, loudly.
/// </summary>
/// <remarks>
/// Re-attaching a managed policy or putting a boundary back attaches whatever document is its default version now:
/// with <paramref name="readers"/>, the live default version must be the known-good one, or nothing is written
/// (<see cref="RestoreRefusedException"/>); without readers such restores are refused.
/// </remarks>
public sealed class PathRestorer(IAccountWriters writers, IReadOnlyList<RoleArn> chain, IAccountReaders? readers = null) : IPathRestorer
{
    public async Task RestoreAsync(AccessEvent trigger, PolicyChangeEvent change, PathEnvelope knownGood, PathEnvelope? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(knownGood);
        var facts = PathFactsJson.FromJson(knownGood.Facts);
        // What is restored follows the call's restore kind (its row in AccessEvents), not its name.
        switch (trigger.RestoreKind)
        {
            case RollbackKinds.InlinePolicy:
                await InlinePolicyAsync(change, knownGood, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.PolicyAttachment:
                await AttachmentAsync(change, facts, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.PermissionsBoundary:
                await BoundaryAsync(change, facts, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.DefaultPolicyVersion:
                await DefaultVersionAsync(change, facts, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.KeyPolicy or RollbackKinds.KeyState:
                await KeyAsync(trigger.RestoreKind, change, knownGood, facts, live, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.BucketEncryption or RollbackKinds.OwnershipControls:
                await BucketAsync(trigger.RestoreKind, change, facts, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.LakeFormationPermissions:
                await LakeFormationAsync(trigger, change, knownGood, live, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.VpcEndpointPolicy:
                await VpcEndpointAsync(change, knownGood, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackKinds.AccessPointPolicy:
                await AccessPointAsync(trigger, change, knownGood, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{trigger.EventName} is never restored");
        }
    }

    private async Task InlinePolicyAsync(PolicyChangeEvent change, PathEnvelope knownGood, CancellationToken cancellationToken)
    {
        var role = Role(change);
        var name = Parameter(change, "policyName");
        var iam = (await writers.WritersForAccountAsync(role.AccountId, cancellationToken).ConfigureAwait(false)).Iam;
        var inline = knownGood.Snapshot["roles"]?[role.Arn]?["inlinePolicies"] as JsonObject
            ?? throw Unknown($"the inline policies of {role.Arn}");
        if (inline[name] is JsonNode document)
        {
            await iam.PutRolePolicyAsync(role.Name, name, document is JsonValue value ? value.GetValue<string>() : document.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await iam.DeleteRolePolicyAsync(role.Name, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AttachmentAsync(PolicyChangeEvent change, RestoreFacts facts, CancellationToken cancellationToken)
    {
        var role = Role(change);
        var arn = Parameter(change, "policyArn");
        var attached = facts.Roles.GetValueOrDefault(role.Arn)?.AttachedPolicyArns ?? throw Unknown($"the managed policies attached to {role.Arn}");
        var iam = (await writers.WritersForAccountAsync(role.AccountId, cancellationToken).ConfigureAwait(false)).Iam;
        if (attached.Contains(arn, StringComparer.Ordinal))
        {
            await RequireKnownGoodVersionAsync(arn, facts, role.AccountId, cancellationToken).ConfigureAwait(false);
            await iam.AttachRolePolicyAsync(role.Name, arn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await iam.DetachRolePolicyAsync(role.Name, arn, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BoundaryAsync(PolicyChangeEvent change, RestoreFacts facts, CancellationToken cancellationToken)
    {
        var role = Role(change);
        var boundary = facts.Roles.GetValueOrDefault(role.Arn)?.PermissionsBoundary ?? throw Unknown($"the permissions boundary of {role.Arn}");
        var iam = (await writers.WritersForAccountAsync(role.AccountId, cancellationToken).ConfigureAwait(false)).Iam;
        if (boundary.Value is { } arn)
        {
            await RequireKnownGoodVersionAsync(arn, facts, role.AccountId, cancellationToken).ConfigureAwait(false);
            await iam.PutRolePermissionsBoundaryAsync(role.Name, arn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await iam.DeleteRolePermissionsBoundaryAsync(role.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DefaultVersionAsync(PolicyChangeEvent change, RestoreFacts facts, CancellationToken cancellationToken)
    {
        var arn = Parameter(change, "policyArn");
        var version = facts.DefaultVersionOf(arn) ?? throw Unknown($"the known-good default version of {arn}");
        var account = arn.Split(':') is { Length: 6 } parts && parts[4].Length == 12 ? parts[4] : chain[^1].AccountId;
        var iam = (await writers.WritersForAccountAsync(account, cancellationToken).ConfigureAwait(false)).Iam;
        await iam.SetDefaultPolicyVersionAsync(arn, version, cancellationToken).ConfigureAwait(false);
    }

    private async Task KeyAsync(string kind, PolicyChangeEvent change, PathEnvelope knownGood, RestoreFacts facts, PathEnvelope? live, CancellationToken cancellationToken)
    {
        var id = Parameter(change, "keyId");
        var (reference, key) = KeyOf(facts, id);
        if (key is null)
        {
            throw Unknown($"which key of the path {id} is");
        }

        if (key.AwsManaged)
        {
            throw new InvalidOperationException($"{key.Arn} is an AWS managed key: its policy and state are AWS's");
        }

        var arn = KmsArn.Parse(key.Arn) ?? throw Unknown($"the account and Region of key {key.Arn}");
        var kms = (await writers.WritersForAccountAsync(arn.Account, cancellationToken).ConfigureAwait(false)).Keys(arn.Region);
        if (kind == RollbackKinds.KeyPolicy)
        {
            var policy = knownGood.Snapshot["keys"]?[reference]?["policy"] ?? throw Unknown($"the known-good policy of {key.Arn}");
            await kms.PutKeyPolicyAsync(key.KeyId, policy is JsonValue text ? text.GetValue<string>() : policy.ToJsonString(), cancellationToken).ConfigureAwait(false);
            return;
        }

        // A key pending deletion takes CancelKeyDeletion first, which leaves it Disabled (KMS Developer Guide). Decided
        // on the live state, not on the event: a retry after an attempt killed between the two calls finds the key
        // Disabled, where CancelKeyDeletion would be refused, and only enables it.
        var pending = live is null
            ? change.EventName == "ScheduleKeyDeletion"
            : KeyOf(PathFactsJson.FromJson(live.Facts), id).Key?.State == "PendingDeletion";
        if (pending)
        {
            await kms.CancelKeyDeletionAsync(key.KeyId, cancellationToken).ConfigureAwait(false);
        }

        await kms.EnableKeyAsync(key.KeyId, cancellationToken).ConfigureAwait(false);
    }

    private async Task BucketAsync(string kind, PolicyChangeEvent change, RestoreFacts facts, CancellationToken cancellationToken)
    {
        var bucket = change.BucketName ?? throw Unknown("which bucket the event changed");
        var known = facts.Buckets.GetValueOrDefault(bucket) ?? throw Unknown($"the known-good settings of bucket {bucket}");
        var s3 = (await writers.WritersForAccountAsync(known.Account, cancellationToken).ConfigureAwait(false)).Buckets;
        if (kind == RollbackKinds.BucketEncryption)
        {
            var encryption = known.Encryption ?? throw Unknown($"the known-good default encryption of {bucket}");
            await (encryption.Value is { } rule
                ? s3.PutEncryptionAsync(bucket, known.Account, rule, cancellationToken)
                : s3.DeleteEncryptionAsync(bucket, known.Account, cancellationToken)).ConfigureAwait(false);
            return;
        }

        var ownership = known.Ownership ?? throw Unknown($"the known-good ownership controls of {bucket}");
        await (ownership.Value is { } setting
            ? s3.PutOwnershipAsync(bucket, known.Account, setting, cancellationToken)
            : s3.DeleteOwnershipAsync(bucket, known.Account, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Grants back what the known-good state had and the live state (read just before) lacks: never what the revoke's
    /// request names, so a forged or replayed event can make the guardrail grant nothing the path did not have.
    /// </summary>
    private async Task LakeFormationAsync(AccessEvent trigger, PolicyChangeEvent change, PathEnvelope knownGood, PathEnvelope? live, CancellationToken cancellationToken)
    {
        var account = LakeFormationAccount(trigger, change);
        var missing = LakeFormationGrants.Of(knownGood.Snapshot["lakeFormation"], (live ?? throw Unknown("the live Lake Formation permissions (none were read)")).Snapshot["lakeFormation"], account);
        var lf = (await writers.WritersForAccountAsync(account, cancellationToken).ConfigureAwait(false)).LakeFormation;
        foreach (var grant in missing)
        {
            await lf.GrantPermissionsAsync(LfGrant.On(grant.Principal, LfSnapshotResource.Read(grant.Resource), grant.Permissions, account), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts the known-good endpoint policy back, or resets it to AWS's full-access default when the known-good state had none.</summary>
    private async Task VpcEndpointAsync(PolicyChangeEvent change, PathEnvelope knownGood, CancellationToken cancellationToken)
    {
        var id = Parameter(change, "vpcEndpointId");
        var endpoint = knownGood.Snapshot["vpcEndpoints"]?[id] as JsonObject ?? throw Unknown($"VPC endpoint {id}");
        if (!endpoint.TryGetPropertyValue("policy", out var policy))
        {
            throw Unknown($"the policy of VPC endpoint {id}");
        }

        // The endpoint's Region is the one its service is in (com.amazonaws.REGION.s3), as read, not as the event says.
        var region = endpoint["serviceName"]?.GetValue<string>() is { } service && service.Split('.') is { Length: >= 4 } parts ? parts[2] : throw Unknown($"the service of VPC endpoint {id}");
        var ec2 = (await writers.WritersForAccountAsync(chain[^1].AccountId, cancellationToken).ConfigureAwait(false)).VpcEndpoints(region);
        await ec2.SetVpcEndpointPolicyAsync(id, policy is null ? null : policy is JsonValue text ? text.GetValue<string>() : policy.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the known-good access point policy back (S3 Control writes the policy whole).</summary>
    private async Task AccessPointAsync(AccessEvent trigger, PolicyChangeEvent change, PathEnvelope knownGood, CancellationToken cancellationToken)
    {
        var key = AccessPointOf(knownGood.Snapshot["accessPoints"], trigger, change);
        var arn = AwsArn.Parse(key) ?? throw Unknown($"the account and Region of access point {key}");
        var policy = knownGood.Snapshot["accessPoints"]?[key]?["policy"]
            ?? throw new RestoreRefusedException($"{key} had no policy in the known-good state; the guardrail puts policies back, never deletes one, so nothing was written");
        var points = (await writers.WritersForAccountAsync(arn.Account, cancellationToken).ConfigureAwait(false)).AccessPoints(arn.Region);
        await points.PutAccessPointPolicyAsync(arn.Resource["accesspoint/".Length..], policy is JsonValue text ? text.GetValue<string>() : policy.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The catalog account a Lake Formation event is about (its <c>catalogId</c>, else its account).</summary>
    internal static string LakeFormationAccount(AccessEvent trigger, PolicyChangeEvent change) =>
        (trigger.Touched(change) as PathTouch.LakeFormation)?.Account ?? change.Account;

    /// <summary>The key, in a state's <c>accessPoints</c>, of the access point an S3 Control event names.</summary>
    internal static string AccessPointOf(JsonNode? accessPoints, AccessEvent trigger, PolicyChangeEvent change)
    {
        var touch = trigger.Touched(change) as PathTouch.AccessPoint;
        var name = touch?.Name ?? throw Unknown("which access point the event changed");
        return (accessPoints as JsonObject ?? []).Select(p => p.Key).FirstOrDefault(key => AwsArn.Parse(key) is { } arn && arn.Account == touch.Account && arn.Resource == "accesspoint/" + name)
            ?? throw Unknown($"access point {name} of account {touch.Account}");
    }

    /// <summary>The managed policy's default version must still be the known-good one: the document judged is the one attached.</summary>
    private async Task RequireKnownGoodVersionAsync(string policyArn, RestoreFacts facts, string roleAccount, CancellationToken cancellationToken)
    {
        var known = facts.DefaultVersionOf(policyArn)
            ?? throw new RestoreRefusedException($"the known-good state does not say which version of {policyArn} was its default, so the document it would attach was never judged; nothing was written");
        if (readers is null)
        {
            throw new RestoreRefusedException($"the live default version of {policyArn} cannot be read here; nothing was written");
        }

        var account = policyArn.Split(':') is { Length: 6 } parts && parts[4].Length == 12 ? parts[4] : roleAccount;
        var live = await (await readers.ForAccountAsync(account, cancellationToken).ConfigureAwait(false)).Iam.GetDefaultPolicyVersionAsync(policyArn, cancellationToken).ConfigureAwait(false);
        if (live.VersionId != known)
        {
            throw new RestoreRefusedException($"{policyArn}'s default version is {live.VersionId} now, not {known} as in the known-good state: attaching it would attach a document the guardrail has not judged, so nothing was written (its own event is judged)");
        }
    }

    /// <summary>The role of the chain an IAM event is about (by name, in the event's account).</summary>
    internal static RoleArn RoleOf(IReadOnlyList<RoleArn> chain, PolicyChangeEvent change) =>
        chain.FirstOrDefault(r => r.Name == change.RoleName && r.AccountId == change.Account) ?? throw Unknown($"which role of the chain {change.RoleName} is");

    /// <summary>The key a KMS event names (by id, ARN or alias), as the path's facts know it: its reference in the snapshot's <c>keys</c>, and what DescribeKey said; a null key when the path has no such key.</summary>
    internal static (string Reference, KeyRestoreFacts? Key) KeyOf(RestoreFacts facts, string id)
    {
        var match = facts.Keys.FirstOrDefault(k => k.Value.KeyId == id || k.Value.Arn == id || k.Key == id || k.Key.EndsWith(":" + id, StringComparison.Ordinal));
        return (match.Key, match.Value);
    }

    internal static string Parameter(PolicyChangeEvent change, string name) =>
        change.Parameters.GetValueOrDefault(name) ?? throw Unknown($"the event's {name}");

    private RoleArn Role(PolicyChangeEvent change) => RoleOf(chain, change);

    private static InvalidOperationException Unknown(string what) =>
        new($"nothing was restored: the known-good state does not say {what}");
}
