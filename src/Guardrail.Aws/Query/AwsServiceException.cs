using System.Net;

namespace Guardrail.Aws.Query;

/// <summary>An error an AWS Query-protocol service returned (<c>&lt;ErrorResponse&gt;</c>), or an unreadable response.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string service, string code, string message, HttpStatusCode status, string? requestId)
        : base($"{service} {code}: {message} (HTTP {(int)status}{(requestId is null ? string.Empty : $", request {requestId}")})")
    {
        Service = service;
        Code = code;
        Status = status;
        RequestId = requestId;
    }

    public AwsServiceException()
        : this("aws", "Unknown", "unknown error", HttpStatusCode.InternalServerError, null)
    {
    }

    public AwsServiceException(string message)
        : this("aws", "Unknown", message, HttpStatusCode.InternalServerError, null)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Service = "aws";
        Code = "Unknown";
        Status = HttpStatusCode.InternalServerError;
    }

    public string Service { get; }

    /// <summary>The error code, e.g. <c>NoSuchEntity</c>, <c>Throttling</c>.</summary>
    public string Code { get; }

    public HttpStatusCode Status { get; }

    public string? RequestId { get; }
}
