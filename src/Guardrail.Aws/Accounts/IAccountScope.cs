namespace Guardrail.Aws.Accounts;

/// <summary>What account-scoped readers and writers share: the caller's own account and one count of every request.</summary>
public interface IAccountScope
{
    /// <summary>Counts every request the readers and writers make.</summary>
    Calls.AwsCallCounter Counter { get; }

    /// <summary>The account of the caller's own credentials.</summary>
    Task<string> OwnAccountAsync(CancellationToken cancellationToken);
}
