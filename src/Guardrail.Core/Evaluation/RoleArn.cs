using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Core.Evaluation;

/// <summary>
/// A parsed IAM role ARN, <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c>, checked against IAM's naming rules
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a known partition
/// (<see cref="AwsPartitions"/>), a 12-digit account, a path of at most 512 characters whose segments are non-empty
/// runs of ASCII letters, digits and <c>+=,.@_-</c>, and a role name of 1 to 64 such characters.
/// </summary>
public sealed record RoleArn(string Arn, string Partition, string AccountId, string Name)
{
    /// <summary>The longest role name IAM allows.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest path IAM allows, slashes included.</summary>
    public const int MaxPathLength = 512;

    /// <summary>
    /// How many roles a Redshift role chain may have: "You can chain up to 10 roles"
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_SCHEMA.html, IAM_ROLE).
    /// </summary>
    public const int MaxChainLength = 10;

    private const string Expected = "expected arn:aws:iam::123456789012:role/NAME";

    /// <summary>The ARN of the account root principal, which stands for the whole account.</summary>
    public string AccountRootArn => $"arn:{Partition}:iam::{AccountId}:root";

    /// <summary>The prefix every session ARN of this role starts with.</summary>
    public string SessionArnPrefix => $"arn:{Partition}:sts::{AccountId}:assumed-role/{Name}/";

    /// <summary>Whether <paramref name="value"/> is <see cref="AccountRootArn"/>, compared in place (no string built per question).</summary>
    internal bool IsAccountRootArn(string value) =>
        value.Length == "arn:".Length + Partition.Length + ":iam::".Length + AccountId.Length + ":root".Length
        && MatchedLength(value, ["arn:", Partition, ":iam::", AccountId, ":root"]) == value.Length;

    /// <summary>
    /// Whether <paramref name="value"/> starts with <see cref="SessionArnPrefix"/>, compared in place;
    /// <paramref name="prefixLength"/> is the prefix's length.
    /// </summary>
    internal bool StartsWithSessionArnPrefix(string value, out int prefixLength)
    {
        prefixLength = MatchedLength(value, ["arn:", Partition, ":sts::", AccountId, ":assumed-role/", Name, "/"]);
        return prefixLength >= 0;
    }

    /// <summary>Parses a role ARN or returns false.</summary>
    public static bool TryParse(string text, out RoleArn? role)
    {
        ArgumentNullException.ThrowIfNull(text);
        role = Check(text, out var parsed) is null ? parsed : null;
        return role is not null;
    }

    /// <summary>Parses a role ARN or throws <see cref="ArgumentException"/> with a message for people.</summary>
    public static RoleArn Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Check(text, out var role) is { } why ? throw new ArgumentException(Explain(text, why)) : role!;
    }

    /// <summary>Why <paramref name="text"/> is not a role ARN (a message for people), or null when it is one.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Check(text, out _) is { } why ? Explain(text, why) : null;
    }

    /// <summary>
    /// Parses a Redshift role chain <c>arnA,arnB</c> (a single ARN is a chain of one; spaces around commas are
    /// ignored, other white space is not) of at most <see cref="MaxChainLength"/> roles.
    /// </summary>
    /// <exception cref="ArgumentException">The chain is empty, too long, has an empty entry or an invalid ARN.</exception>
    public static IReadOnlyList<RoleArn> ParseChain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim(' ').Length == 0)
        {
            throw new ArgumentException("no role ARN given");
        }

        // Count before splitting: a 2,000-role chain is refused without building 2,000 strings.
        var roles = text.AsSpan().Count(',') + 1;
        if (roles > MaxChainLength)
        {
            throw new ArgumentException($"a role chain has at most {MaxChainLength} roles (Redshift's limit); this one has {roles}");
        }

        var chain = new List<RoleArn>(roles);
        foreach (var entry in text.Split(','))
        {
            // Spaces around commas are forgiven; any other white space (a pasted newline) is part of the value.
            var part = entry.Trim(' ');
            chain.Add(part.Length > 0 ? Parse(part) : throw new ArgumentException($"{SafeText.Quote(text)} has an empty entry in its role chain (arnA,arnB)"));
        }

        return chain;
    }

    public override string ToString() => Arn;

    private static string Explain(string text, string why) => $"{SafeText.Quote(text)} is not an IAM role ARN ({why}; {Expected})";

    private static string? Check(string text, out RoleArn? role)
    {
        role = null;
        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0 || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return "not of the form arn:PARTITION:iam::ACCOUNT:role/NAME";
        }

        if (!AwsPartitions.IsKnown(parts[1]))
        {
            return $"the partition must be one of {string.Join(", ", AwsPartitions.All)}";
        }

        if (!AwsIdentifiers.IsAccountId(parts[4]))
        {
            return "the account must be 12 digits";
        }

        var pathAndName = parts[5].AsSpan("role".Length);
        var lastSlash = pathAndName.LastIndexOf('/');
        var path = pathAndName[..(lastSlash + 1)];
        var name = pathAndName[(lastSlash + 1)..];
        if (name.Length is 0 or > MaxNameLength || !AwsIdentifiers.IsAll(name, IsNameCharacter))
        {
            return $"the role name must be 1 to {MaxNameLength} letters, digits or +=,.@_-";
        }

        if (path.Length > MaxPathLength)
        {
            return $"the path must be at most {MaxPathLength} characters";
        }

        if (path.IndexOf("//", StringComparison.Ordinal) >= 0 || !AwsIdentifiers.IsAll(path, c => c == '/' || IsNameCharacter(c)))
        {
            return "each path segment must be 1 or more letters, digits or +=,.@_-";
        }

        role = new RoleArn(text, parts[1], parts[4], name.ToString());
        return null;
    }

    // How much of value the parts, one after another, make up from its start; -1 when they do not.
    private static int MatchedLength(ReadOnlySpan<char> value, ReadOnlySpan<string> parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            if (!value[at..].StartsWith(part, StringComparison.Ordinal))
            {
                return -1;
            }

            at += part.Length;
        }

        return at;
    }

    private static bool IsNameCharacter(char c) => AwsIdentifiers.IsIamNameCharacter(c);
}
