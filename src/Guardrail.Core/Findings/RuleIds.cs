namespace Guardrail.Core.Findings;

/// <summary>Stable rule ids. Alert filter policies and CI pipelines match on these, so never rename one.</summary>
public static class RuleIds
{
    public const string VpceRestriction = "vpce-restriction";
    public const string PresignedUrlBlocked = "presigned-url-blocked";
    public const string SignatureAgeTooShort = "signature-age-too-short";
    public const string PrincipalDenied = "principal-denied";
    public const string ConditionUnknowable = "condition-unknowable";
    public const string PartialKeyDeny = "partial-key-deny";
    public const string MissingCrossAccountGrant = "missing-cross-account-grant";
    public const string TrustMissingRedshift = "trust-missing-redshift";
    public const string TrustChainBroken = "trust-chain-broken";
    public const string TrustExtraPrincipal = "trust-extra-principal";
    public const string PublicGrant = "public-grant";

    /// <summary>A statement could not be decided within the work budget: the verdict is at-risk, never a guess.</summary>
    public const string EvaluationBudget = "evaluation-budget";
    public const string PolicySizeLimit = "policy-size-limit";

    // The whole access path (issue 9): one id per way a hop can cut it.
    public const string RoleNotAttached = "role-not-attached";
    public const string IdentityMissingGrant = "identity-missing-grant";
    public const string IdentityDenies = "identity-denies";
    public const string BoundaryCaps = "boundary-caps";
    public const string ScpDenies = "scp-denies";
    public const string RcpDenies = "rcp-denies";
    public const string KeyDisabled = "key-disabled";
    public const string KeyPolicyDenies = "key-policy-denies";
    public const string KeyNotDelegated = "key-not-delegated";
    public const string AwsManagedKeyCrossAccount = "aws-managed-key-cross-account";
    public const string CatalogMissingGrant = "catalog-missing-grant";
    public const string CatalogDenies = "catalog-denies";
    public const string ObjectOwnership = "object-ownership";

    // Lake Formation (issue 15): a registered, LF-governed table is read with the registration role's credentials.
    public const string LfMissingGrant = "lf-missing-grant";
    public const string LfColumnLimited = "lf-column-limited";
    public const string LfGetDataAccessMissing = "lf-get-data-access-missing";
    public const string LfRegistrationRoleTrust = "lf-registration-role-trust";
    public const string LfRegistrationRoleCannotRead = "lf-registration-role-cannot-read";
    public const string LfLocationDeregistered = "lf-location-deregistered";
    public const string LfRoleChained = "lf-role-chained";

    /// <summary>AWS does not document which route (Lake Formation or IAM) applies, and the two disagree.</summary>
    public const string LfRouteUndocumented = "lf-route-undocumented";

    // The network path (issue 15): the S3 VPC endpoint policy and S3 access points.
    public const string VpcePolicyDenies = "vpce-policy-denies";
    public const string VpcePolicyMissingAllow = "vpce-policy-missing-allow";
    public const string VpceNotOnPath = "vpce-not-on-path";
    public const string AccessPointNetworkOriginVpc = "ap-network-origin-vpc";
    public const string AccessPointPolicyDenies = "ap-policy-denies";
    public const string AccessPointPolicyMissingAllow = "ap-policy-missing-allow";
    public const string AccessPointNotDelegated = "ap-not-delegated";

    /// <summary>A table's access point serves another bucket than the one the table names.</summary>
    public const string AccessPointBucketMismatch = "ap-bucket-mismatch";

    /// <summary>A hop (or part of one) whose input the snapshot did not give: listed, not verified, not guessed.</summary>
    public const string HopUnchecked = "hop-unchecked";

    // Proposed changes (issue 17): what laying a template, a plan or a hook request on the path finds by itself.

    /// <summary>A value the input does not determine before deployment: what depends on it is at risk, never guessed.</summary>
    public const string UnresolvedValue = "unresolved-value";

    /// <summary>A proposed document is not a valid policy: AWS would refuse the deployment.</summary>
    public const string InvalidDocument = "invalid-document";

    /// <summary>The change deletes a resource the path uses.</summary>
    public const string ResourceDeleted = "resource-deleted";

    /// <summary>An exception (CI's <c>--exceptions</c>, the configuration's <c>exceptions</c>) whose expiry has passed: it excepts nothing.</summary>
    public const string ExceptionExpired = "exception-expired";
}
