namespace Guardrail.Aws.State;

/// <summary>
/// Authenticates the guardrail's own state-table items: a MAC over an item's digest that only the functions can make
/// (a KMS HMAC key whose policy lets only their roles use it). Someone who can write the table but not use the key
/// cannot make an item the guardrail will trust.
/// </summary>
public interface IStateSealer
{
    /// <summary>The MAC of <paramref name="message"/>, base64.</summary>
    Task<string> SealAsync(byte[] message, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="mac"/> is the MAC of <paramref name="message"/>; false for any other value, never an exception.</summary>
    Task<bool> VerifyAsync(byte[] message, string mac, CancellationToken cancellationToken);
}
