namespace Guardrail.Aws.Calls;

/// <summary>The IAM permission each read needs, for messages that tell the user what to grant.</summary>
public static class RequiredPermissions
{
    // Where the action's name is not the API's (https://docs.aws.amazon.com/service-authorization/latest/reference/).
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["s3:GetBucketEncryption"] = "s3:GetEncryptionConfiguration",
    };

    /// <summary>The permission <paramref name="call"/> (<c>service:Operation</c>) needs.</summary>
    public static string For(string call) => Exceptions.GetValueOrDefault(call, call);
}
