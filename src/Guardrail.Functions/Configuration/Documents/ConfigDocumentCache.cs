using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The configuration document of a warm function: read at the first call (the cold start), read again when
/// <see cref="Ttl"/> has passed since the last read, and kept while good. A bad version (invalid or unreadable) is
/// reported once per distinct version (its content hash, or the read failure's text) so the caller alerts once; a
/// warm function keeps following its last good document meanwhile. Until a good version has been read (a cold start
/// with a bad document) there is no document, and each call reads again: the invocation fails, and EventBridge's
/// retries and the dead-letter queue keep the events until the document is fixed.
/// </summary>
public sealed class ConfigDocumentCache : IDisposable
{
    /// <summary>The variable that sets <see cref="Ttl"/> in seconds.</summary>
    public const string TtlVariable = "GUARDRAIL_CONFIG_TTL_SECONDS";

    /// <summary>The TTL without <see cref="TtlVariable"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(300);

    /// <summary>The longest TTL: a day.</summary>
    public const int MaxTtlSeconds = 86_400;

    // Bad versions remembered for "alert once"; more than this (a document rewritten badly again and again) may alert again.
    private const int RememberedBadVersions = 64;

    private readonly IConfigDocumentSource source;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<string> alerted = new(StringComparer.Ordinal);
    private ConfigDocument? current;
    private DateTimeOffset readAt;

    private readonly Func<ConfigDocument, IReadOnlyList<string>>? deploymentCheck;

    /// <param name="source">Where the document is read from.</param>
    /// <param name="time">The clock of the TTL.</param>
    /// <param name="ttl">How long a read stays fresh.</param>
    /// <param name="deploymentCheck">What else makes a valid document one this deployment cannot follow (<see cref="DeploymentOrganization.Problems"/>); its problems make a bad version like the reader's.</param>
    public ConfigDocumentCache(IConfigDocumentSource source, TimeProvider time, TimeSpan ttl, Func<ConfigDocument, IReadOnlyList<string>>? deploymentCheck = null)
    {
        this.deploymentCheck = deploymentCheck;
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        Ttl = ttl;
    }

    /// <summary>How long a read stays fresh.</summary>
    public TimeSpan Ttl { get; }

    /// <summary><see cref="TtlVariable"/>: whole seconds from 0 (read at every call) to a day; unset: <see cref="DefaultTtl"/>.</summary>
    /// <exception cref="GuardrailConfigException">The value is not such a number.</exception>
    public static TimeSpan TtlFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(TtlVariable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return DefaultTtl;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxTtlSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new GuardrailConfigException($"{TtlVariable} {SafeText.Quote(value)} must be a whole number of seconds from 0 to {MaxTtlSeconds:N0}");
    }

    /// <summary>The document to follow now, reading it first when there is none yet or the last read is older than <see cref="Ttl"/>.</summary>
    public async Task<ConfigSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (current is not null && now - readAt < Ttl)
            {
                return new ConfigSnapshot(current, null);
            }

            readAt = now;
            var (document, problem) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                current = document;
                alerted.Clear();
                return new ConfigSnapshot(current, null);
            }

            var isNew = alerted.Count < RememberedBadVersions ? alerted.Add(problem!.Version) : !alerted.Contains(problem!.Version);
            return new ConfigSnapshot(current, isNew ? problem with { KeptLastGood = current is not null } : null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Forgets that <paramref name="version"/> was reported (its alert could not be published), and makes the next call
    /// read again: the bad version is then reported again, so it is alerted once it can be.
    /// </summary>
    public async Task UnreportAsync(string version)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            alerted.Remove(version);
            readAt = DateTimeOffset.MinValue;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(ConfigDocument? Document, ConfigDocumentProblem? Problem)> ReadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await source.ReadTextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigDocumentUnreadableException e)
        {
            // Failures differ in their request IDs: any unreadable read is one version, alerted once until a good read.
            return (null, new ConfigDocumentProblem(source.Location, "unreadable", [SafeText.Line(e.Message)], false));
        }

        var result = ConfigDocumentReader.Read(text);
        var problems = result.Document is { } read ? deploymentCheck?.Invoke(read) ?? [] : result.Problems;
        return result.Document is { } document && problems.Count == 0
            ? (document, null)
            : (null, new ConfigDocumentProblem(source.Location, $"sha256:{Hash(text)}", problems, false));
    }

    public void Dispose() => gate.Dispose();

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
