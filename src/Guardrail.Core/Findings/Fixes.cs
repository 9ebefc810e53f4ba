namespace Guardrail.Core.Findings;

/// <summary>The fix for each rule, in the words of AWS's guidance for Redshift Spectrum (the seed).</summary>
public static class Fixes
{
    public static string For(string rule) => rule switch
    {
        RuleIds.VpceRestriction =>
            "Redshift Spectrum on provisioned clusters can't read buckets whose policy only admits specific VPC endpoints; restrict access to specific principals instead (for example exempt the Spectrum role with aws:PrincipalArn).",
        RuleIds.PresignedUrlBlocked =>
            "Remove the deny on presigned URLs (s3:authType REST-QUERY-STRING) or exempt the Spectrum role: Spectrum reads every file through a presigned URL.",
        RuleIds.SignatureAgeTooShort =>
            "Set s3:signatureAge to at least 3600000 milliseconds: Spectrum's presigned URLs are valid for 1 hour.",
        RuleIds.PrincipalDenied =>
            "Exempt the Spectrum role from this deny, and restrict access to specific principals, such as a specific AWS account or role.",
        RuleIds.ConditionUnknowable =>
            "Make the condition hold for Spectrum whatever its unknown value, or exempt the Spectrum role (aws:PrincipalArn); give the guardrail the missing fact (the organization id, the VPC endpoints, the table locations) if you know it.",
        RuleIds.PartialKeyDeny =>
            "Make sure the deny does not cover objects under the Spectrum table locations, or exempt the Spectrum role; give the guardrail the table locations to check exactly.",
        RuleIds.MissingCrossAccountGrant =>
            "Grant the Spectrum role s3:GetObject on the objects and s3:ListBucket on the bucket in the bucket policy (the seed's BucketPolicyForSpectrum statement).",
        RuleIds.TrustMissingRedshift => TrustFix.Missing(["redshift.amazonaws.com"]),
        RuleIds.TrustChainBroken =>
            "Each role in a Redshift role chain must trust the role before it: allow the previous role's ARN to sts:AssumeRole.",
        RuleIds.TrustExtraPrincipal =>
            "Use a trust relationship that allows the role to be assumed only by the Amazon Redshift service principal.",
        RuleIds.PublicGrant =>
            "Grant bucket access to specific principals, such as a specific AWS account or specific roles, not to \"*\".",
        RuleIds.EvaluationBudget =>
            "Simplify the statement (fewer date or signature-age constants, fewer overlapping Allow statements with conditions): the guardrail bounds its work so that no policy can outlast it, and could not decide this one within that bound.",
        RuleIds.PolicySizeLimit =>
            "Shorten the policy: merge statements that differ in one element, use wildcards or condition keys instead of long lists. For a trust policy, the Role trust policy length quota can be raised to 4,096 characters in Service Quotas.",
        RuleIds.RoleNotAttached =>
            "Attach the role to the cluster (aws redshift modify-cluster-iam-roles --add-iam-roles ARN) or the Serverless namespace (update-namespace with iamRoles): Spectrum gets its credentials only from an attached role.",
        RuleIds.IdentityMissingGrant =>
            "Give the Spectrum role (inline or attached managed policy) s3:GetObject on the table locations, s3:ListBucket and s3:GetBucketLocation on the bucket, glue:GetDatabase/GetTable/GetPartitions on the catalog, database and table, and kms:Decrypt on the bucket's key where the key policy delegates to the account.",
        RuleIds.IdentityDenies =>
            "Remove the role policy's deny for what Spectrum needs, or narrow it so it does not cover Spectrum's requests.",
        RuleIds.BoundaryCaps =>
            "Add Spectrum's actions (s3:GetObject, s3:ListBucket, s3:GetBucketLocation, the Glue reads, kms:Decrypt) to the role's permissions boundary, or remove the boundary: effective permissions are the intersection.",
        RuleIds.ScpDenies =>
            "Change the service control policy at that level so it allows Spectrum's actions and does not deny them for the Spectrum role (network perimeters must exempt it: provisioned Spectrum does not read through your VPC).",
        RuleIds.RcpDenies =>
            "Change the resource control policy at that level so it allows the Spectrum role's requests (identity perimeters must include the role's organization; exempt AWS services with aws:PrincipalIsAWSService where needed).",
        RuleIds.KeyDisabled =>
            "Enable the key (aws kms enable-key); for a key pending deletion, cancel the deletion first (aws kms cancel-key-deletion, then enable-key).",
        RuleIds.KeyPolicyDenies =>
            "Remove the key policy's deny for the Spectrum role's kms:Decrypt through S3, or narrow it.",
        RuleIds.KeyNotDelegated =>
            "Let the role decrypt: allow kms:Decrypt to the role in the key policy, or delegate to its account (Principal arn:aws:iam::ACCOUNT:root) and allow kms:Decrypt in the role's policy, or create a grant for the role with the Decrypt operation.",
        RuleIds.AwsManagedKeyCrossAccount =>
            "The AWS managed key aws/s3 cannot be used from another account: encrypt the bucket with a customer managed key whose policy lets the reader's account decrypt, and re-encrypt the objects written with aws/s3.",
        RuleIds.CatalogMissingGrant =>
            "Grant the Spectrum role glue:GetDatabase, glue:GetTable and glue:GetPartitions on the catalog, database and table in the catalog account's Glue resource policy.",
        RuleIds.CatalogDenies =>
            "Remove the Glue resource policy's deny for the Spectrum role's catalog reads, or narrow it.",
        RuleIds.ObjectOwnership =>
            "Set Object Ownership to BucketOwnerEnforced (ACLs disabled) so the bucket owner owns every object and the bucket policy's grant covers them all.",
        RuleIds.LfMissingGrant =>
            "Grant the Spectrum role SELECT on the table in Lake Formation (lakeformation grant-permissions, or GRANT SELECT in Redshift), on the table itself or through an LF-tag expression the table's tags satisfy.",
        RuleIds.LfColumnLimited =>
            "Grant SELECT on every column the Spectrum queries read (a column-limited or excluded-column grant fails queries of the other columns).",
        RuleIds.LfGetDataAccessMissing =>
            "Allow lakeformation:GetDataAccess on Resource \"*\" in the Spectrum role's policies (and in its permissions boundary and the SCPs): Lake Formation vends the table's credentials through it.",
        RuleIds.LfRegistrationRoleTrust =>
            "Let Lake Formation assume the registration role: {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"lakeformation.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}.",
        RuleIds.LfRegistrationRoleCannotRead =>
            "Give the role the location is registered with read access to it (s3:GetObject, s3:ListBucket, and kms:Decrypt for SSE-KMS), in its policies, the bucket policy and the key policy: Lake Formation reads the table with its credentials.",
        RuleIds.LfLocationDeregistered =>
            "If the deregistration was not intended, register the location again (lakeformation register-resource) with the same role; otherwise make sure the Spectrum role has the S3 access it now needs.",
        RuleIds.LfRoleChained =>
            "Attach the role that Lake Formation grants to the cluster directly rather than reaching it through a role chain.",
        RuleIds.LfRouteUndocumented =>
            "Make the table's route unambiguous: either govern it with Lake Formation only (revoke IAM_ALLOWED_PRINCIPALS) or with IAM only.",
        RuleIds.VpcePolicyDenies =>
            "Remove the VPC endpoint policy's deny for the Spectrum role's S3 reads, or narrow it (for example exempt the role with aws:PrincipalArn).",
        RuleIds.VpcePolicyMissingAllow =>
            "Allow the Spectrum role's s3:GetObject, s3:ListBucket and s3:GetBucketLocation on the lake's buckets and objects in the S3 VPC endpoint policy (aws ec2 modify-vpc-endpoint --policy-document), or reset it to the default full-access policy.",
        RuleIds.VpceNotOnPath =>
            "Nothing to change: no S3 VPC endpoint policy is on this reader's path. Restrictions to VPC endpoints in bucket policies do not admit its reads.",
        RuleIds.AccessPointNetworkOriginVpc =>
            "Redshift Spectrum does not support VPC-origin access points: point the table's LOCATION at an access point with Internet network origin, or at the bucket itself.",
        RuleIds.AccessPointPolicyDenies =>
            "Remove the access point policy's deny for the Spectrum role's reads through the access point, or narrow it.",
        RuleIds.AccessPointPolicyMissingAllow =>
            "Allow the Spectrum role s3:GetObject on arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/PREFIX* and s3:ListBucket on the access point ARN in the access point policy.",
        RuleIds.AccessPointNotDelegated =>
            "Let the bucket admit reads through the access point: delegate access control to access points (allow Principal \"*\" with a condition on s3:DataAccessPointAccount or s3:DataAccessPointArn) or allow the Spectrum role in the bucket policy.",
        RuleIds.AccessPointBucketMismatch =>
            "Make the snapshot's table bucket the bucket the access point serves, so the bucket's policy, encryption and ownership judged are the ones the reads meet.",
        RuleIds.HopUnchecked =>
            "Add the missing input to the snapshot (guardrail snapshot collects it when it has permission to read it).",
        RuleIds.UnresolvedValue =>
            "Give the value (--parameters, --account, --region, the stack's resources) so the change can be judged before deployment, or judge the path right after it with guardrail check path.",
        RuleIds.InvalidDocument =>
            "Make the document a valid policy of its kind; AWS refuses the deployment otherwise.",
        RuleIds.ResourceDeleted =>
            "Keep the resource (DeletionPolicy: Retain, or move Spectrum's tables and roles first): Spectrum's path uses it.",
        _ => string.Empty,
    };
}
