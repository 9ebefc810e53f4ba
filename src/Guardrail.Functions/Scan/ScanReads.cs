using Guardrail.Aws.Collect;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Scan;

/// <summary>
/// What one worker instance keeps between the records and batches of one scan: the answers of its reads (a document
/// many paths share, such as the organization's SCPs and RCPs at each level or a shared managed policy, is read once
/// per scan by this instance) and the account sessions (each member role assumed once). Only for the same moment: a
/// new scan id, more than <see cref="MaxAge"/> since the first read, or more than <see cref="MaxReads"/> answers start
/// afresh. A read that failed is forgotten after each path (its retry asks AWS again), and a path that could not be
/// judged drops the sessions (an assumed role or own-account lookup that failed is not kept either).
/// </summary>
internal sealed class ScanReads(Func<PathReaderSession> makeSession, TimeProvider time) : IDisposable
{
    /// <summary>The longest a scan's answers are used: a scan's messages are drained within minutes.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(15);

    /// <summary>The most answers kept (each a few KB at most): beyond it the cache starts again.</summary>
    public const int MaxReads = 20_000;

    private string? scanId;
    private DateTimeOffset since;
    private ReadCache cache = new();
    private PathReaderSession? session;

    /// <summary>The reads and sessions for a path of <paramref name="scan"/>.</summary>
    public (ReadCache Cache, PathReaderSession Session) For(string scan)
    {
        var now = time.GetUtcNow();
        if (scan != scanId || now - since > MaxAge || now < since || cache.Count > MaxReads)
        {
            scanId = scan;
            since = now;
            cache = new ReadCache();
            DropSession();
        }

        session ??= makeSession();
        return (cache, session);
    }

    /// <summary>After a path: forgets failed reads, and the sessions when the path could not be judged.</summary>
    public void AfterPath(bool judged)
    {
        cache.ForgetFailures();
        if (!judged)
        {
            DropSession();
        }
    }

    public void Dispose() => DropSession();

    private void DropSession()
    {
        session?.Dispose();
        session = null;
    }
}
