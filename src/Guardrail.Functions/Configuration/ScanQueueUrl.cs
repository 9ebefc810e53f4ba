using System.Text.RegularExpressions;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration;

/// <summary>
/// GUARDRAIL_SCAN_QUEUE_URL: an SQS queue URL, <c>https://sqs.REGION.amazonaws.com/ACCOUNT/NAME</c> (or an emulator's
/// <c>http://HOST:PORT/ACCOUNT/NAME</c>): a 12-digit account and a queue name of 1-80 letters, digits, <c>-</c> and
/// <c>_</c> (a FIFO queue's ends in <c>.fifo</c>).
/// </summary>
public static partial class ScanQueueUrl
{
    /// <summary>What is wrong with <paramref name="url"/> as a queue URL, or null.</summary>
    public static string? Problem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0
            && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0 && QueuePath().IsMatch(uri.AbsolutePath)
            ? null
            : $"GUARDRAIL_SCAN_QUEUE_URL {SafeText.Quote(url)} is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)";
    }

    [GeneratedRegex(@"^/[0-9]{12}/[A-Za-z0-9_-]{1,80}(\.fifo)?\z")]
    private static partial Regex QueuePath();
}
