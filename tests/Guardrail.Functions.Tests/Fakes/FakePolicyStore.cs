using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>A live policy in memory. Each hook runs on its call and may throw, block, or change the live policy.</summary>
internal sealed class FakePolicyStore(string? live) : IPolicyStore
{
    public string? Live { get; set; } = live;

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Runs before a read returns, with the read's number (1-based).</summary>
    public Func<int, CancellationToken, Task>? BeforeRead { get; set; }

    /// <summary>Runs instead of the default write (which sets <see cref="Live"/>).</summary>
    public Func<string?, CancellationToken, Task>? OnWrite { get; set; }

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        Reads++;
        if (BeforeRead is { } hook)
        {
            await hook(Reads, cancellationToken);
        }

        return Live;
    }

    public async Task WriteAsync(string? policyText, CancellationToken cancellationToken)
    {
        Writes++;
        if (OnWrite is { } hook)
        {
            await hook(policyText, cancellationToken);
            return;
        }

        Live = policyText;
    }
}
