using System.Text;
using System.Text.Json;

namespace Guardrail.Functions.CustomResources;

/// <summary>The answer CloudFormation reads from the response URL; <see cref="ToJson"/> keeps it under its 4 KB limit.</summary>
/// <param name="Success">SUCCESS or FAILED (FAILED fails the stack operation and shows <paramref name="Reason"/>).</param>
/// <param name="Reason">Shown in the stack's events; required with FAILED.</param>
/// <param name="PhysicalResourceId">Must stay the same across updates, or CloudFormation treats the update as a replacement.</param>
/// <param name="Data">Values readable with <c>Fn::GetAtt</c>.</param>
public sealed record CustomResourceResponse(bool Success, string Reason, string PhysicalResourceId, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>How much of the reason is kept: the whole response must stay under CloudFormation's 4,096 bytes.</summary>
    public const int MaxReasonLength = 1500;

    public string ToJson(CustomResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
#pragma warning disable CA1507 // CloudFormation's field names, which only happen to equal these properties' names.
            w.WriteStartObject();
            w.WriteString("Status", Success ? "SUCCESS" : "FAILED");
            w.WriteString("Reason", Reason.Length > MaxReasonLength ? Reason[..MaxReasonLength] + "…" : Reason);
            w.WriteString("PhysicalResourceId", PhysicalResourceId);
            w.WriteString("StackId", request.StackId);
            w.WriteString("RequestId", request.RequestId);
            w.WriteString("LogicalResourceId", request.LogicalResourceId);
            w.WriteBoolean("NoEcho", false);
            w.WriteStartObject("Data");
            foreach (var (key, value) in Data)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
#pragma warning restore CA1507
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
