using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guardrail.Functions.Hooks;

/// <summary>The hook's answer: CloudFormation waits for it at most 30 seconds; this hook never answers IN_PROGRESS.</summary>
public enum HookStatus
{
    Success,
    Failed,
}

/// <summary>
/// The answer to a hook request (the hooks user guide's "Response input"): <c>hookStatus</c>, <c>errorCode</c>
/// <c>NonCompliant</c> when it fails, a message CloudFormation cuts at 4,096 characters (so it is cut here, on a
/// character boundary, with a closing mark), and the request's token.
/// </summary>
/// <param name="Status">Success or failed.</param>
/// <param name="Message">Why, naming the path, hop, rule and fix.</param>
/// <param name="ClientRequestToken">The request's token.</param>
public sealed record HookResponse(HookStatus Status, string Message, string ClientRequestToken)
{
    /// <summary>CloudFormation's limit on the message, in characters.</summary>
    public const int MaxMessage = 4096;

    /// <summary>The message as sent: at most <see cref="MaxMessage"/> characters, never a split surrogate pair.</summary>
    public string SentMessage => Cut(Message);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("hookStatus", Status == HookStatus.Success ? "SUCCESS" : "FAILED");
            if (Status == HookStatus.Failed)
            {
                writer.WriteString("errorCode", "NonCompliant");
            }

            writer.WriteString("message", SentMessage);
            writer.WriteString("clientRequestToken", ClientRequestToken);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Cut(string message)
    {
        const string More = " […]";
        if (message.Length <= MaxMessage)
        {
            return message;
        }

        var length = MaxMessage - More.Length;
        if (char.IsHighSurrogate(message[length - 1]))
        {
            length--;
        }

        return string.Concat(message.AsSpan(0, length), More);
    }
}
