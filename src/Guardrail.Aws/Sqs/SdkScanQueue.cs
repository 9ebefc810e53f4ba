using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.Sqs;

/// <summary>The scan queue through AWSSDK.SQS (<c>sqs:SendMessageBatch</c> on the queue named by its URL).</summary>
public sealed class SdkScanQueue(IAmazonSQS sqs, string queueUrl) : IScanQueue
{
    public static SdkScanQueue Create(AwsEndpoints endpoints, string queueUrl)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var config = new AmazonSQSConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(endpoints.Region) };
        if (endpoints.Override("SQS") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return new SdkScanQueue(new AmazonSQSClient(config), queueUrl);
    }

    public async Task<IReadOnlyList<QueueEntryFailure>> SendAsync(IReadOnlyList<QueueEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count is 0 or > IScanQueue.BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"a batch has 1 to {IScanQueue.BatchSize} entries");
        }

        SendMessageBatchResponse response;
        try
        {
            response = await sqs.SendMessageBatchAsync(
                new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = [.. entries.Select(e => new SendMessageBatchRequestEntry(e.Id, e.Body))] },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new AwsCallException("sqs:SendMessageBatch", e.ErrorCode ?? e.StatusCode.ToString(), e.Message, e) { Resource = queueUrl };
        }

        // An entry neither reported sent nor failed is not known to be sent: it is a failure too.
        var sent = new HashSet<string>((response.Successful ?? []).Select(s => s.Id), StringComparer.Ordinal);
        var failed = (response.Failed ?? []).Select(f => new QueueEntryFailure(f.Id, f.Code ?? "Unknown", f.Message ?? string.Empty)).ToList();
        failed.AddRange(entries.Where(e => !sent.Contains(e.Id) && failed.All(f => f.Id != e.Id)).Select(e => new QueueEntryFailure(e.Id, "NotAcknowledged", "SQS did not report this entry as sent")));
        return failed;
    }
}
