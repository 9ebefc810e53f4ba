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
}
