using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>The cache's lifecycle: cold start, TTL, a bad version alerted once, the last good one kept.</summary>
public sealed class ConfigDocumentCacheTests
{
    private static readonly string Good = File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", "single-account.json"));
    private static readonly string Other = File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", "organization.json"));
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(300);

    private readonly FakeSource source = new();
    private readonly ManualClock clock = new();

    [Fact]
    public async Task A_good_document_is_read_once_per_ttl()
    {
        using var cache = new ConfigDocumentCache(source, clock, Ttl);
        source.Text = Good;
        var first = await cache.GetAsync(CancellationToken.None);
        Assert.Equal("sales", Assert.Single(first.Document!.Paths).Name);
        Assert.Null(first.NewProblem);

        source.Text = Other;
        clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.Same(first.Document, (await cache.GetAsync(CancellationToken.None)).Document);
        Assert.Equal(1, source.Reads);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("producer-lake", Assert.Single((await cache.GetAsync(CancellationToken.None)).Document!.Paths).Name);
        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public async Task A_bad_version_whose_alert_could_not_be_published_is_reported_again_at_the_next_call()
    {
        using var cache = new ConfigDocumentCache(source, clock, Ttl);
        source.Text = Good;
        var good = (await cache.GetAsync(CancellationToken.None)).Document;
        source.Text = Good.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);
        clock.Advance(Ttl);
        var bad = (await cache.GetAsync(CancellationToken.None)).NewProblem!;

        await cache.UnreportAsync(bad.Version);
        var again = await cache.GetAsync(CancellationToken.None);

        Assert.Same(good, again.Document);
        Assert.Equal(bad.Version, again.NewProblem!.Version);
        Assert.Null((await cache.GetAsync(CancellationToken.None)).NewProblem);
    }

    [Fact]
    public async Task A_bad_version_keeps_the_last_good_one_and_is_reported_once()
    {
        using var cache = new ConfigDocumentCache(source, clock, Ttl);
        source.Text = Good;
        var good = (await cache.GetAsync(CancellationToken.None)).Document;

        source.Text = Good.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);
        clock.Advance(Ttl);
        var bad = await cache.GetAsync(CancellationToken.None);
        Assert.Same(good, bad.Document);
        Assert.Equal(["$.version: version 2 is not read by this build (it reads version 1)"], bad.NewProblem!.Problems);
        Assert.True(bad.NewProblem.KeptLastGood);
        Assert.Equal("memory:config", bad.NewProblem.Location);
        Assert.StartsWith("sha256:", bad.NewProblem.Version, StringComparison.Ordinal);

        // The same bad version again: no second alert. Another bad version: one more.
        clock.Advance(Ttl);
        var again = await cache.GetAsync(CancellationToken.None);
        Assert.Same(good, again.Document);
        Assert.Null(again.NewProblem);
        source.Text = "version: 1\npaths: []\nextra: 1\n";
        clock.Advance(Ttl);
        var other = await cache.GetAsync(CancellationToken.None);
        Assert.Same(good, other.Document);
        Assert.NotEqual(bad.NewProblem.Version, other.NewProblem!.Version);
        Assert.Equal(4, source.Reads);
    }

    [Fact]
    public async Task A_cold_start_with_a_bad_document_has_no_document_and_reads_again_at_the_next_call()
    {
        using var cache = new ConfigDocumentCache(source, clock, Ttl);
        source.Text = "{\"version\": 1}";
        var cold = await cache.GetAsync(CancellationToken.None);
        Assert.Null(cold.Document);
        Assert.False(cold.NewProblem!.KeptLastGood);
        Assert.Equal(["$.paths: missing: the list of protected access paths"], cold.NewProblem.Problems);

        var retry = await cache.GetAsync(CancellationToken.None);
        Assert.Equal((null, null), (retry.Document, retry.NewProblem));
        Assert.Equal(2, source.Reads);

        source.Text = Good;
        Assert.NotNull((await cache.GetAsync(CancellationToken.None)).Document);
    }

    [Fact]
    public async Task An_unreadable_document_is_reported_once_until_a_good_read()
    {
        using var cache = new ConfigDocumentCache(source, clock, Ttl);
        source.Text = Good;
        var good = (await cache.GetAsync(CancellationToken.None)).Document;

        source.Failure = "s3:GetObject of s3://b/k failed: AccessDenied (request 1)";
        clock.Advance(Ttl);
        var denied = await cache.GetAsync(CancellationToken.None);
        Assert.Same(good, denied.Document);
        Assert.Equal(("unreadable", true), (denied.NewProblem!.Version, denied.NewProblem.KeptLastGood));
        Assert.Equal([source.Failure], denied.NewProblem.Problems);

        source.Failure = "s3:GetObject of s3://b/k failed: AccessDenied (request 2)";
        clock.Advance(Ttl);
        Assert.Null((await cache.GetAsync(CancellationToken.None)).NewProblem);

        // A good read in between: the next failure is news again.
        source.Failure = null;
        clock.Advance(Ttl);
        Assert.Null((await cache.GetAsync(CancellationToken.None)).NewProblem);
        source.Failure = "gone";
        clock.Advance(Ttl);
        Assert.NotNull((await cache.GetAsync(CancellationToken.None)).NewProblem);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("", 300)]
    [InlineData("0", 0)]
    [InlineData(" 60 ", 60)]
    [InlineData("86400", 86_400)]
    public void The_ttl_comes_from_the_environment(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ConfigDocumentCache.TtlFrom(_ => value));

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    [InlineData("5m")]
    [InlineData("1e3")]
    public void A_bad_ttl_is_a_configuration_problem(string value)
    {
        var e = Assert.Throws<GuardrailConfigException>(() => ConfigDocumentCache.TtlFrom(_ => value));
        Assert.StartsWith("GUARDRAIL_CONFIG_TTL_SECONDS", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    private sealed class FakeSource : IConfigDocumentSource
    {
        public string Text { get; set; } = string.Empty;

        public string? Failure { get; set; }

        public int Reads { get; private set; }

        public string Location => "memory:config";

        public Task<string> ReadTextAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Failure is null ? Task.FromResult(Text) : throw new ConfigDocumentUnreadableException(Failure);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
