using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Spectrum;

/// <summary>A request context key (or, with <paramref name="IsPrefix"/>, every key starting with it) that AWS documents as absent from a kind of request.</summary>
/// <param name="Key">The key or key prefix.</param>
/// <param name="Page">The AWS page that says so (docs/condition-keys.md quotes it).</param>
/// <param name="IsPrefix">Whether <paramref name="Key"/> stands for every key that starts with it.</param>
public sealed record DocumentedAbsence(string Key, string Page, bool IsPrefix = false);

/// <summary>
/// Keys AWS documents as never present in the requests the guardrail judges: Spectrum's S3 requests (a role
/// session's own calls, signed with its temporary credentials) and <c>sts:AssumeRole</c> by Redshift or by the
/// previous role of a chain. Data, not branches: docs/condition-keys.md lists the same rows with the quotes.
/// </summary>
public static class AbsentKeyTable
{
    private const string GlobalKeys = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";
    private const string StsKeys = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html";
    private const string S3Actions = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html";

    /// <summary>Absent from every request judged: keys of other kinds of sessions (EC2, Lambda, Glue, federation, ...) and of calls forwarded by a service.</summary>
    public static IReadOnlyList<DocumentedAbsence> AnyRequest { get; } =
    [
        new("aws:FederatedProvider", $"{GlobalKeys}#condition-keys-federatedprovider"),
        new("aws:AssumedRoot", $"{GlobalKeys}#condition-keys-assumedroot"),
        new("aws:SignInSessionArn", $"{GlobalKeys}#condition-keys-signinsessionarn"),
        new("aws:ChatbotSourceArn", $"{GlobalKeys}#condition-keys-chatbotsourcearn"),
        new("aws:Ec2InstanceSourceVpc", $"{GlobalKeys}#condition-keys-ec2instancesourcevpc"),
        new("aws:Ec2InstanceSourcePrivateIPv4", $"{GlobalKeys}#condition-keys-ec2instancesourceprivateip4"),
        new("ec2:RoleDelivery", $"{GlobalKeys}#condition-keys-ec2-role-delivery"),
        new("ec2:SourceInstanceArn", $"{GlobalKeys}#condition-keys-ec2-source-instance-arn"),
        new("glue:RoleAssumedBy", $"{GlobalKeys}#condition-keys-glue-role-assumed-by"),
        new("glue:CredentialIssuingService", $"{GlobalKeys}#condition-keys-glue-credential-issuing"),
        new("codebuild:BuildArn", $"{GlobalKeys}#condition-keys-codebuild-build-arn"),
        new("codebuild:ProjectArn", $"{GlobalKeys}#condition-keys-codebuild-project-arn"),
        new("lambda:SourceFunctionArn", $"{GlobalKeys}#condition-keys-lambda-source-function-arn"),
        new("ssm:SourceInstanceArn", $"{GlobalKeys}#condition-keys-ssm-source-instance-arn"),
        new("identitystore:UserId", $"{GlobalKeys}#condition-keys-identity-store-user-id"),
        new("aws:SourceIdentity", $"{GlobalKeys}#condition-keys-sourceidentity"),
        new("aws:CalledVia", $"{GlobalKeys}#condition-keys-calledvia"),
        new("aws:CalledViaFirst", $"{GlobalKeys}#condition-keys-calledviafirst"),
        new("aws:CalledViaLast", $"{GlobalKeys}#condition-keys-calledvialast"),
        new("aws:CalledViaAWSMCP", $"{GlobalKeys}#condition-keys-calledviaawasmcp"),
        new("aws:referer", $"{GlobalKeys}#condition-keys-referer"),
        new("saml:", $"{StsKeys}#condition-keys-saml", IsPrefix: true),
        new("accounts.google.com:", $"{StsKeys}#condition-keys-wif", IsPrefix: true),
        new("cognito-identity.amazonaws.com:", $"{StsKeys}#condition-keys-wif", IsPrefix: true),
        new("graph.facebook.com:", $"{StsKeys}#condition-keys-wif", IsPrefix: true),
        new("www.amazon.com:", $"{StsKeys}#condition-keys-wif", IsPrefix: true),
    ];

    /// <summary>Absent from Spectrum's S3 requests: STS keys, and S3 keys the reference lists for neither s3:GetObject nor s3:ListBucket.</summary>
    public static IReadOnlyList<DocumentedAbsence> S3Request { get; } =
    [
        new("sts:", GlobalKeys, IsPrefix: true),
        new("s3:x-amz-acl", S3Actions),
        new("s3:x-amz-grant-full-control", S3Actions),
        new("s3:x-amz-grant-read", S3Actions),
        new("s3:x-amz-grant-read-acp", S3Actions),
        new("s3:x-amz-grant-write", S3Actions),
        new("s3:x-amz-grant-write-acp", S3Actions),
        new("s3:x-amz-copy-source", S3Actions),
        new("s3:x-amz-metadata-directive", S3Actions),
        new("s3:x-amz-server-side-encryption", S3Actions),
        new("s3:x-amz-server-side-encryption-aws-kms-key-id", S3Actions),
        new("s3:x-amz-server-side-encryption-customer-algorithm", S3Actions),
        new("s3:x-amz-storage-class", S3Actions),
        new("s3:x-amz-website-redirect-location", S3Actions),
        new("s3:x-amz-object-ownership", S3Actions),
        new("s3:versionid", S3Actions),
        new("s3:locationconstraint", S3Actions),
        new("s3:ObjectCreationOperation", S3Actions),
        new("s3:InventoryAccessibleOptionalFields", S3Actions),
        new("s3:ExistingJobOperation", S3Actions),
        new("s3:ExistingJobPriority", S3Actions),
        new("s3:JobSuspendedCause", S3Actions),
        new("s3:RequestJobOperation", S3Actions),
        new("s3:RequestJobPriority", S3Actions),
        new("s3:destinationRegion", S3Actions),
        new("s3:isReplicationPauseRequest", S3Actions),
        new("s3:RequestObjectTag", S3Actions, IsPrefix: true),
        new("s3:object-lock-", S3Actions, IsPrefix: true),
    ];

    /// <summary>Absent from <c>sts:AssumeRole</c>: S3 keys, and STS keys of other operations.</summary>
    public static IReadOnlyList<DocumentedAbsence> AssumeRoleRequest { get; } =
    [
        new("s3:", GlobalKeys, IsPrefix: true),
        new("sts:DurationSeconds", $"{StsKeys}#ck_durationseconds"),
        new("sts:AWSServiceName", $"{StsKeys}#ck_awsservicename"),
    ];

    /// <summary>Adds the rows as absent keys; a key the caller already set is a contradiction and throws.</summary>
    internal static void AddTo(Dictionary<string, ContextValue> values, List<(string Prefix, ContextValue Value)> prefixes, IEnumerable<DocumentedAbsence> rows)
    {
        foreach (var row in rows)
        {
            if (row.IsPrefix)
            {
                prefixes.Add((row.Key, ContextValue.Absent));
            }
            else
            {
                values.Add(row.Key, ContextValue.Absent);
            }
        }
    }
}
