using System.Text.RegularExpressions;

namespace Guardrail.Core.Evaluation;

/// <summary>A parsed IAM role ARN, <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c>.</summary>
public sealed partial record RoleArn(string Arn, string Partition, string AccountId, string Name)
{
    /// <summary>The ARN of the account root principal, which stands for the whole account.</summary>
    public string AccountRootArn => $"arn:{Partition}:iam::{AccountId}:root";

    /// <summary>The prefix every session ARN of this role starts with.</summary>
    public string SessionArnPrefix => $"arn:{Partition}:sts::{AccountId}:assumed-role/{Name}/";

    /// <summary>Parses a role ARN or returns false.</summary>
    public static bool TryParse(string text, out RoleArn? role)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            role = null;
            return false;
        }

        var path = match.Groups["path"].Value;
        role = new RoleArn(text, match.Groups["partition"].Value, match.Groups["account"].Value, path[(path.LastIndexOf('/') + 1)..]);
        return true;
    }

    /// <summary>Parses a role ARN or throws <see cref="ArgumentException"/> with a message for people.</summary>
    public static RoleArn Parse(string text) =>
        TryParse(text, out var role)
            ? role!
            : throw new ArgumentException($"\"{text}\" is not an IAM role ARN (expected arn:aws:iam::123456789012:role/NAME)");

    /// <summary>Parses a Redshift role chain <c>arnA,arnB</c> (a single ARN is a chain of one).</summary>
    public static IReadOnlyList<RoleArn> ParseChain(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0
            ? [.. parts.Select(Parse)]
            : throw new ArgumentException("no role ARN given");
    }

    public override string ToString() => Arn;

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):iam::(?<account>\d{12}):role/(?<path>[\w+=,.@/-]+)$")]
    private static partial Regex Pattern();
}
