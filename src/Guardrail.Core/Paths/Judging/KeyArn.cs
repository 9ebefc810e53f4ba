namespace Guardrail.Core.Paths.Judging;

/// <summary>The account and Region of a KMS key or alias ARN (<c>arn:PARTITION:kms:REGION:ACCOUNT:key/ID</c>).</summary>
internal sealed record KeyArn(string Region, string Account)
{
    /// <summary>The ARN's Region and account, or null when it is not a KMS ARN.</summary>
    public static KeyArn? Parse(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "kms" && parts[3].Length > 0 && parts[4].Length == 12
            ? new KeyArn(parts[3], parts[4])
            : null;
    }
}
