using Amazon;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The state of one collection: the account readers, the documents already read (each is read once, whatever
/// number of hops refer to it; a failed read is not retried either), and what was left out and why.
/// </summary>
internal sealed class CollectionContext
{
    private readonly Dictionary<string, object> reads;
    private readonly List<string> notes = [];
    private readonly List<ReadFailure> failures = [];

    public CollectionContext(IAccountReaders readers, string region, string ownAccount, CancellationToken cancellationToken, ReadCache? shared = null)
    {
        reads = shared?.Reads ?? new Dictionary<string, object>(StringComparer.Ordinal);
        Readers = readers;
        Region = region;
        OwnAccount = ownAccount;
        Token = cancellationToken;
        Partition = RegionEndpoint.GetBySystemName(region).PartitionName ?? "aws";
    }

    public IAccountReaders Readers { get; }

    public string Region { get; }

    public string Partition { get; }

    public string OwnAccount { get; }

    public CancellationToken Token { get; }

    public IReadOnlyList<string> Notes => notes;

    public IReadOnlyList<ReadFailure> Failures => failures;

    /// <summary>What a restore needs beside the snapshot, filled by the sections from the answers they already have.</summary>
    public RestoreFactsBuilder Facts { get; } = new();

    /// <summary>The readers of <paramref name="account"/>.</summary>
    public Task<IPathReaders> In(string account) => Readers.ForAccountAsync(account, Token);

    /// <summary>
    /// Reads once per collection under <paramref name="key"/> in this collection's Region (a shared cache may serve
    /// paths of several Regions, and a cluster, catalog or Lake Formation answer is the Region's): a second request
    /// for the same document gets the first answer (or failure).
    /// </summary>
    public Task<T> Once<T>(string key, Func<Task<T>> read) => Cached($"{Region} {key}", read);

    /// <summary>As <see cref="Once{T}"/> for a global service's document (IAM, Organizations): the same in every Region.</summary>
    public Task<T> OnceGlobal<T>(string key, Func<Task<T>> read) => Cached($"global {key}", read);

    private Task<T> Cached<T>(string key, Func<Task<T>> read)
    {
        if (!reads.TryGetValue(key, out var task))
        {
            task = read();
            reads[key] = task;
        }

        return (Task<T>)task;
    }

    /// <summary>Runs a read; a failed call is recorded against <paramref name="resource"/> and yields null.</summary>
    public async Task<Read<T>?> TryAsync<T>(string resource, Func<Task<T>> read)
    {
        try
        {
            return new Read<T>(await read().ConfigureAwait(false));
        }
        catch (AwsCallException e)
        {
            Fail(resource, e);
            return null;
        }
    }

    /// <summary>Records a failed read (once per call, resource and code).</summary>
    public void Fail(string resource, AwsCallException e)
    {
        var failure = new ReadFailure(e.Call, e.Resource ?? resource, e.Code, e.Detail, e.IsAccessDenied ? RequiredPermissions.For(e.Call) : null);
        if (!failures.Contains(failure))
        {
            failures.Add(failure);
        }
    }

    /// <summary>Records a known gap (once).</summary>
    public void Note(string note)
    {
        if (!notes.Contains(note, StringComparer.Ordinal))
        {
            notes.Add(note);
        }
    }
}
