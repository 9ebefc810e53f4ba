using Guardrail.Aws.Accounts;

namespace Guardrail.Functions.Paths;

/// <summary>One invocation's account-scoped readers (credentials and clients per account), disposed with it.</summary>
public sealed class PathReaderSession(IAccountReaders readers, IDisposable? owner = null) : IDisposable
{
    public IAccountReaders Readers => readers;

    public void Dispose() => owner?.Dispose();
}
