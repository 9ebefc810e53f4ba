namespace Guardrail.Aws.Sqs;

/// <summary>The queue the drift scan puts one message per path on, for the path-scan workers.</summary>
public interface IScanQueue
{
    /// <summary>The most messages one <see cref="SendAsync"/> takes (SQS's <c>SendMessageBatch</c> limit).</summary>
    const int BatchSize = 10;

    /// <summary>
    /// Sends up to <see cref="BatchSize"/> messages in one request; returns the ids of the entries SQS did not accept,
    /// each with why (empty: all were sent).
    /// </summary>
    /// <exception cref="Calls.AwsCallException">The request itself failed: none of the entries is known to be sent.</exception>
    Task<IReadOnlyList<QueueEntryFailure>> SendAsync(IReadOnlyList<QueueEntry> entries, CancellationToken cancellationToken);
}

/// <summary>One message of a batch: its id within the batch and its body.</summary>
public sealed record QueueEntry(string Id, string Body);

/// <summary>An entry SQS did not accept: its id, the error code and message.</summary>
public sealed record QueueEntryFailure(string Id, string Code, string Message);
