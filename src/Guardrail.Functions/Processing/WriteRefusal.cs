using Amazon.Runtime;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Functions.Processing;

/// <summary>Whether a failed write was AWS saying no (an access denial), as each client reports it, by type and code.</summary>
internal static class WriteRefusal
{
    private static readonly HashSet<string> DeniedCodes = new(StringComparer.Ordinal) { "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError" };

    public static bool IsAccessDenied(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            var denied = e switch
            {
                AwsCallException call => call.IsAccessDenied,
                AwsServiceException service => DeniedCodes.Contains(service.Code),
                AmazonServiceException sdk => sdk.ErrorCode is { } code && DeniedCodes.Contains(code),
                _ => false,
            };
            if (denied)
            {
                return true;
            }
        }

        return false;
    }
}
