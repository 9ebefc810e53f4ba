using System.Collections.Concurrent;

namespace Guardrail.Aws.Calls;

/// <summary>
/// Counts the AWS API requests the path readers make, by IAM action (<c>iam:GetRole</c>), one per request sent
/// (each page of a listing counts; the HTTP pipeline's retries of one request do not). Shared by every client a
/// factory hands out, so a collection can report its cost and tests can check that each document is read once.
/// </summary>
public sealed class AwsCallCounter
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    /// <summary>Records one request of <paramref name="action"/>.</summary>
    public void Record(string action) => counts.AddOrUpdate(action, 1, (_, n) => n + 1);

    /// <summary>The requests so far, by action, in name order.</summary>
    public IReadOnlyDictionary<string, int> Counts =>
        new SortedDictionary<string, int>(counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>All requests so far.</summary>
    public int Total => counts.Values.Sum();
}
