using Guardrail.Aws.Accounts;

namespace Guardrail.Functions.Paths;

/// <summary>One invocation's account-scoped readers and writers (credentials and clients per account), disposed with it.</summary>
public sealed class PathReaderSession(IAccountReaders readers, IAccountWriters? writers = null, IDisposable? owner = null) : IDisposable
{
    public IAccountReaders Readers => readers;

    /// <summary>The writers restores use; null when this session may not write.</summary>
    public IAccountWriters? Writers => writers;

    /// <summary>The bucket-policy and trust-policy clients of any account (organization mode); null when the readers do not make them.</summary>
    public IAccountPolicyClients? Policies => readers as IAccountPolicyClients;

    public void Dispose() => owner?.Dispose();
}
