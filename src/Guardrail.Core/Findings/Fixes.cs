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
        RuleIds.TrustMissingRedshift =>
            "Let the Amazon Redshift service principal assume the role: {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"redshift.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}.",
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
        _ => string.Empty,
    };
}
