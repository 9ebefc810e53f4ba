namespace Guardrail.Aws.Calls;

/// <summary>
/// One AWS API call of a path reader failed (after the pipeline's retries). Whatever the client (the SDK's or the
/// Query/JSON ones), the failure carries the call (<c>kms:GetKeyPolicy</c>) and AWS's error code, so the caller
/// can name the call and the permission it needs without reading message text.
/// </summary>
public sealed class AwsCallException : Exception
{
    public AwsCallException(string call, string code, string detail, Exception? innerException = null)
        : base($"{call}: {code}: {detail}", innerException)
    {
        Call = call;
        Code = code;
        Detail = detail;
    }

    public AwsCallException()
        : this("aws:Unknown", "Unknown", "unknown error")
    {
    }

    public AwsCallException(string message)
        : this("aws:Unknown", "Unknown", message)
    {
    }

    public AwsCallException(string message, Exception innerException)
        : this("aws:Unknown", "Unknown", message, innerException)
    {
    }

    /// <summary>The call as <c>service:Operation</c>, e.g. <c>iam:GetPolicyVersion</c>.</summary>
    public string Call { get; }

    /// <summary>AWS's error code (<c>AccessDenied</c>, <c>NoSuchEntity</c>...), or <c>NetworkFailure</c> / <c>ClientFailure</c> when it never got one.</summary>
    public string Code { get; }

    /// <summary>AWS's message, or what went wrong on the way.</summary>
    public string Detail { get; }

    /// <summary>The <see cref="Code"/> of a call that found no AWS credentials at all, before any request was sent.</summary>
    public const string NoCredentialsCode = "NoCredentials";

    /// <summary>Whether the call found no AWS credentials at all (<see cref="NoCredentialsCode"/>).</summary>
    public bool IsNoCredentials => Code == NoCredentialsCode;

    /// <summary>The IAM permission the call needs (what to grant when <see cref="IsAccessDenied"/>).</summary>
    public string Permission => RequiredPermissions.For(Call);

    /// <summary>What the call was about when the caller of the reader cannot know it (the role an account is reached through); null otherwise.</summary>
    public string? Resource { get; init; }

    /// <summary>Whether AWS refused the call for want of a permission (the codes differ between services).</summary>
    public bool IsAccessDenied => Code is "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthorizationError" or "UnrecognizedClientException" or "InvalidClientTokenId";
}
