using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.KeyManagementService.Model;
using Amazon.S3.Model;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// One restorable change of the path, end to end: how it is made in moto (as the person in the event made it, with
/// the event templated to what moto named), which hop and rule the alert must name, and how to read the hop's state
/// back from moto (independently of the guardrail's readers) to see whether it was restored.
/// </summary>
/// <param name="Name">The case, as the test lists it.</param>
/// <param name="Kind">The GUARDRAIL_ROLLBACK kind that undoes it.</param>
/// <param name="Hop">The hop it cuts.</param>
/// <param name="Rule">The rule that says so.</param>
/// <param name="ChangeAsync">Makes the change in moto and returns the event that reports it.</param>
/// <param name="StateAsync">The hop's state in moto, as comparable text.</param>
internal sealed record HopCase(string Name, string Kind, string Hop, string Rule, Func<PathWorld, Task<string>> ChangeAsync, Func<PathWorld, Task<string>> StateAsync)
{
    public override string ToString() => Name;

    /// <summary>Every restorable change the function watches, each cutting the path on its own.</summary>
    public static IReadOnlyList<HopCase> All { get; } =
    [
        new("detach the S3 policy", RollbackKinds.PolicyAttachment, "identity", "identity-missing-grant",
            async w =>
            {
                await w.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
                return PathWorld.Event("access-iam-detach-role-policy");
            },
            AttachedAsync),
        new("attach a policy that denies S3", RollbackKinds.PolicyAttachment, "identity", "identity-denies",
            async w =>
            {
                await w.IamAsync("AttachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.DenyS3));
                return PathWorld.Event("access-iam-attach-role-policy", ("detail.requestParameters.policyArn", PathWorld.DenyS3));
            },
            AttachedAsync),
        new("new default version without s3:GetObject", RollbackKinds.DefaultPolicyVersion, "identity", "identity-missing-grant",
            async w =>
            {
                await w.IamAsync("CreatePolicyVersion", ("PolicyArn", PathWorld.LakeRead), ("PolicyDocument", EventText("access-iam-create-policy-version", "policyDocument")), ("SetAsDefault", "true"));
                return PathWorld.Event("access-iam-create-policy-version");
            },
            DefaultVersionAsync),
        new("a version without s3:GetObject set as default", RollbackKinds.DefaultPolicyVersion, "identity", "identity-missing-grant",
            async w =>
            {
                await w.IamAsync("CreatePolicyVersion", ("PolicyArn", PathWorld.LakeRead), ("PolicyDocument", EventText("access-iam-create-policy-version", "policyDocument")), ("SetAsDefault", "false"));
                await w.IamAsync("SetDefaultPolicyVersion", ("PolicyArn", PathWorld.LakeRead), ("VersionId", "v2"));
                return PathWorld.Event("access-iam-set-default-policy-version");
            },
            DefaultVersionAsync),
        new("boundary without S3", RollbackKinds.PermissionsBoundary, "identity", "boundary-caps",
            async w =>
            {
                await w.IamAsync("PutRolePermissionsBoundary", ("RoleName", PathWorld.RoleName), ("PermissionsBoundary", PathWorld.GlueOnlyBoundary));
                return PathWorld.Event("access-iam-put-role-permissions-boundary");
            },
            async w => Child(await w.Iam.CallAsync("GetRole", [new("RoleName", PathWorld.RoleName)], default), "PermissionsBoundaryArn") ?? "none"),
        new("inline deny", RollbackKinds.InlinePolicy, "identity", "identity-denies",
            async w =>
            {
                var deny = PathWorld.Document(PathWorld.Statement("Deny", "s3:GetObject", "*", "NoReads"));
                await w.IamAsync("PutRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "no-reads"), ("PolicyDocument", deny));
                return PathWorld.Event("access-iam-put-role-policy", ("detail.requestParameters.policyName", "no-reads"), ("detail.requestParameters.policyDocument", deny));
            },
            InlineAsync),
        new("inline policy replaced by one without kms:Decrypt", RollbackKinds.InlinePolicy, "identity", "identity-missing-grant",
            async w =>
            {
                await w.IamAsync("PutRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "kms-decrypt"), ("PolicyDocument", EventText("access-iam-put-role-policy", "policyDocument")));
                return PathWorld.Event("access-iam-put-role-policy", ("detail.requestParameters.policyName", "kms-decrypt"));
            },
            InlineAsync),
        new("inline policy deleted", RollbackKinds.InlinePolicy, "identity", "identity-missing-grant",
            async w =>
            {
                await w.IamAsync("DeleteRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "kms-decrypt"));
                return PathWorld.Event("access-iam-delete-role-policy", ("detail.requestParameters.policyName", "kms-decrypt"));
            },
            InlineAsync),
        new("key policy without the account delegation", RollbackKinds.KeyPolicy, "key", "key-not-delegated",
            async w =>
            {
                await w.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = w.LakeKey.KeyId, PolicyName = "default", Policy = EventText("access-kms-put-key-policy", "policy") });
                return PathWorld.Event("access-kms-put-key-policy", ("detail.requestParameters.keyId", w.LakeKey.KeyId));
            },
            async w => (await w.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = w.LakeKey.KeyId, PolicyName = "default" })).Policy),
        new("key disabled", RollbackKinds.KeyState, "key", "key-disabled",
            async w =>
            {
                await w.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = w.LakeKey.KeyId });
                return PathWorld.Event("access-kms-disable-key", ("detail.requestParameters.keyId", w.LakeKey.KeyId));
            },
            KeyStateAsync),
        new("key scheduled for deletion", RollbackKinds.KeyState, "key", "key-disabled",
            async w =>
            {
                // The event names the key by ARN, as AWS allows; moto's key-state calls take the bare id.
                await w.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = w.LakeKey.KeyId, PendingWindowInDays = 7 });
                return PathWorld.Event("access-kms-schedule-key-deletion", ("detail.requestParameters.keyId", w.LakeKey.Arn));
            },
            KeyStateAsync),
        new("bucket switched to a key the role cannot use", RollbackKinds.BucketEncryption, "key", "key-not-delegated",
            async w =>
            {
                var other = await w.CreateKeyAsync(PathWorld.AdminOnlyKeyPolicy());
                await w.PutEncryptionAsync(other.Arn);
                return PathWorld.Event("access-s3-put-bucket-encryption", ("detail.requestParameters.ServerSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID", other.Arn));
            },
            async w => string.Join(" ", (await w.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = Sandbox.Bucket })).ServerSideEncryptionConfiguration.ServerSideEncryptionRules
                .Select(r => $"{r.ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm} {r.ServerSideEncryptionByDefault.ServerSideEncryptionKeyManagementServiceKeyId} {r.BucketKeyEnabled}"))),
    ];

    /// <summary>A string request parameter of an events/ file (a policy as CloudTrail records it); a dotted name reaches into nested objects.</summary>
    public static string EventText(string eventFile, string parameter) =>
        parameter.Split('.').Aggregate(JsonNode.Parse(Sandbox.Event(eventFile))!["detail"]!["requestParameters"]!, (node, name) => node[name]!).GetValue<string>();

    private static string? Child(XDocument response, string element) => Aws.Query.AwsQueryClient.Child(response, element);

    private static IEnumerable<string> Values(XDocument response, string element) =>
        response.Descendants().Where(e => e.Name.LocalName == element).Select(e => e.Value).Order(StringComparer.Ordinal);

    /// <summary>The managed policies attached to the role, as moto lists them.</summary>
    public static async Task<string> AttachedAsync(PathWorld w) =>
        string.Join(" ", Values(await w.Iam.CallAsync("ListAttachedRolePolicies", [new("RoleName", PathWorld.RoleName)], default), "PolicyArn"));

    private static async Task<string> DefaultVersionAsync(PathWorld w) =>
        Child(await w.Iam.CallAsync("GetPolicy", [new("PolicyArn", PathWorld.LakeRead)], default), "DefaultVersionId")!;

    private static async Task<string> InlineAsync(PathWorld w)
    {
        var names = Values(await w.Iam.CallAsync("ListRolePolicies", [new("RoleName", PathWorld.RoleName)], default), "member").ToList();
        var documents = new List<string>();
        foreach (var name in names)
        {
            var document = Child(await w.Iam.CallAsync("GetRolePolicy", [new("RoleName", PathWorld.RoleName), new("PolicyName", name)], default), "PolicyDocument")!;
            documents.Add($"{name}={JsonNode.Parse(Uri.UnescapeDataString(document))!.ToJsonString()}");
        }

        return string.Join(" ", documents);
    }

    private static async Task<string> KeyStateAsync(PathWorld w) =>
        (await w.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = w.LakeKey.KeyId })).KeyMetadata.KeyState.Value;
}
