using System.Text.Json.Nodes;
using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>The event processor over in-memory fakes: the protected bucket's live policy, state, SNS and a shiftable clock.</summary>
internal sealed class ProcessorHarness
{
    public const string Topic = "arn:aws:sns:us-east-1:123456789012:spectrum-guardrail-alerts";

    public ProcessorHarness(params (string Key, string Value)[] overrides)
    {
        var env = new Dictionary<string, string>
        {
            ["GUARDRAIL_TOPIC_ARN"] = Topic,
            ["GUARDRAIL_STATE_TABLE"] = "state",
            ["GUARDRAIL_SPECTRUM_ROLES"] = Sandbox.RoleArn,
            ["GUARDRAIL_PROTECTED_BUCKETS"] = Sandbox.Bucket,
            ["GUARDRAIL_ACCOUNT_ID"] = "123456789012",
            ["GUARDRAIL_STATE_KEY_ID"] = "arn:aws:kms:us-east-1:123456789012:key/state-mac",
            ["GUARDRAIL_ROLLBACK"] = "true",
        };
        foreach (var (key, value) in overrides)
        {
            env[key] = value;
        }

        Config = GuardrailConfig.Load(name => env.GetValueOrDefault(name), requireAws: true);
        Kind = new BucketPolicyKind(Sandbox.Bucket, "123456789012", Config, Time);
    }

    public GuardrailConfig Config { get; set; }

    public InMemoryState State { get; } = new();

    public FakeSns Sns { get; } = new();

    public FakePolicyStore Store { get; } = new(null);

    public ShiftableTime Time { get; } = new();

    public StringWriter Log { get; } = new();

    public IPolicyKind Kind { get; set; }

    /// <summary>The break-glass parameter the processor reads (none by default).</summary>
    public Guardrail.Aws.Ssm.IBreakGlassParameter? BreakGlass { get; set; }

    public GuardrailServices Services => new(null!, null!, Sns, GuardrailState.Of(State), Time, new JsonLog("test", Log, Time)) { BreakGlass = BreakGlass };

    public string Hash(string? policy) => Kind.HashOf(policy);

    public async Task<InvocationResult> RunAsync(string eventName, Action<JsonObject>? change = null, int timeoutSeconds = 60)
    {
        var parsed = EventParser.Parse(Sandbox.Event(eventName, change));
        using var deadline = new InvocationDeadline(TimeSpan.FromSeconds(timeoutSeconds), Time);
        return await new PolicyChangeProcessor(Config, Services).ProcessAsync(parsed, new GuardedResource(Kind, Store), deadline);
    }

    /// <summary>The claim and outbox key of an events/ file, as the processor makes it.</summary>
    public string ClaimKey(string eventName, Action<JsonObject>? change = null) =>
        PolicyChangeProcessor.ClaimKey(Kind, EventParser.Parse(Sandbox.Event(eventName, change)));

    /// <summary>Puts the seed-following policy live and lets the processor record it as known-good.</summary>
    public async Task RecordKnownGoodAsync()
    {
        Store.Live = Sandbox.Policy("bucket-put-benign");
        Assert.Equal(Outcome.Ok, (await RunAsync("bucket-put-benign")).Outcome);
    }

    /// <summary>Puts the VPC-endpoint lockout live, as its event says.</summary>
    public void PutLockout() => Store.Live = Sandbox.Policy("bucket-put-vpce-lockout");

    public JsonNode AlertBody(int index) => JsonNode.Parse(Sns.Published[index].Default)!;
}

/// <summary>A kind that does what another does, except where a test overrides it.</summary>
internal abstract class DelegatingKind(IPolicyKind inner) : IPolicyKind
{
    public string Key => inner.Key;

    public string Type => inner.Type;

    public string Name => inner.Name;

    public string? RestoreKind => inner.RestoreKind;

    public string? NoRestoreReason => inner.NoRestoreReason;

    public virtual Judgement Judge(string? text) => inner.Judge(text);

    public string HashOf(string? text) => inner.HashOf(text);

    public IReadOnlyList<Guardrail.Core.Changes.StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current) => inner.Diff(knownGood, knownGoodRecorded, current);

    public virtual RestorePlan PlanRestore(string? knownGoodText, Judgement current, Guardrail.Functions.Events.PolicyChangeEvent change) => inner.PlanRestore(knownGoodText, current, change);

    public string? EventHash(Guardrail.Functions.Events.PolicyChangeEvent change) => inner.EventHash(change);
}

/// <summary>A bucket policy kind whose evaluation throws, as a core bug would.</summary>
internal sealed class ThrowingKind(IPolicyKind inner) : DelegatingKind(inner)
{
    public override Judgement Judge(string? text) => throw new InvalidOperationException("a bug in the evaluator");
}

/// <summary>A kind whose known-good state does not say what a restore would write (a path state missing the element).</summary>
internal sealed class UnplannableKind(IPolicyKind inner) : DelegatingKind(inner)
{
    public override RestorePlan PlanRestore(string? knownGoodText, Judgement current, Guardrail.Functions.Events.PolicyChangeEvent change) =>
        throw new InvalidOperationException("the known-good state does not say the inline policies of the role");
}

/// <summary>A break-glass parameter as SSM answers it: a value, or a failure.</summary>
internal sealed class FakeBreakGlass(Func<Guardrail.Aws.Ssm.BreakGlassParameterValue?> read) : Guardrail.Aws.Ssm.IBreakGlassParameter
{
    public Task<Guardrail.Aws.Ssm.BreakGlassParameterValue?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(read());
}
