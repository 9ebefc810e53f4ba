namespace Guardrail.Core.Identifiers;

/// <summary>The Region and account of a KMS key or alias ARN (<c>arn:PARTITION:kms:REGION:ACCOUNT:key/ID</c> or <c>…:alias/NAME</c>).</summary>
/// <param name="Region">The key's Region.</param>
/// <param name="Account">The account that owns the key.</param>
public sealed record KmsArn(string Region, string Account)
{
    /// <summary>The ARN's Region and account, or null when it is not a KMS ARN.</summary>
    public static KmsArn? Parse(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "kms" && parts[3].Length > 0 && parts[4].Length == 12
            ? new KmsArn(parts[3], parts[4])
            : null;
    }
}
