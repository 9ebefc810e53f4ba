using System.Text.Json.Nodes;
using Guardrail.Aws.State;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Observability;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Runs tests/cases/access-mapping/events.json: each case is an events/ file (optionally changed) under a
/// configuration, with the protected paths it must reach, or the reason the function gives for ignoring it. Ignored
/// cases go through the real handler over in-memory fakes whose path readers throw: an ignored event reads nothing.
/// </summary>
public sealed class MappingCaseTests
{
    private static JsonObject Corpus => JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "tests", "cases", "access-mapping", "events.json")))!.AsObject();

    private static IEnumerable<JsonObject> Cases => Corpus["cases"]!.AsArray().Select(c => c!.AsObject());

    public static TheoryData<string> Names => [.. Cases.Select(c => c["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Case(string name)
    {
        var c = Cases.Single(x => x["name"]!.GetValue<string>() == name);
        var env = Environment(c);
        var eventJson = Sandbox.Event(c["event"]!.GetValue<string>(), node =>
        {
            // A null change removes the field (CloudTrail writes no errorCode for a call that succeeded).
            foreach (var (path, value) in c["changes"]?.AsObject() ?? [])
            {
                var parts = path.Split('.');
                var parent = parts[..^1].Aggregate((JsonNode)node, (n, part) => n[part]!).AsObject();
                if (value is null)
                {
                    parent.Remove(parts[^1]);
                }
                else
                {
                    parent[parts[^1]] = value.DeepClone();
                }
            }
        });

        if (c["paths"] is JsonArray paths)
        {
            var change = EventParser.Parse(eventJson);
            var trigger = AccessEvents.Of(change);
            Assert.NotNull(trigger);
            var config = GuardrailConfig.Load(n => env.GetValueOrDefault(n), requireAws: false);
            Assert.Equal(paths.Select(p => p!.GetValue<string>()), (AccessPathPlan.For(config, "us-east-1", change).Plan?.Targets ?? []).Select(t => t.Key));
            return;
        }

        // No AWS at all: an ignored event claims nothing, reads nothing and publishes nothing.
        using var log = new StringWriter();
        var state = new InMemoryState();
        var sns = new FakeSns();
        var services = new GuardrailServices(null!, null!, sns, GuardrailState.Of(state), TimeProvider.System, new JsonLog("test", log, TimeProvider.System))
        {
            PathReaders = _ => throw new InvalidOperationException("an ignored event must not read the path"),
        };
        var host = new FunctionHost(GuardrailConfig.Load(n => env.GetValueOrDefault(n), requireAws: true), services);
        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, eventJson);

        Assert.Equal("ignored", result["outcome"]!.GetValue<string>());
        Assert.Equal(c["ignored"]!.GetValue<string>(), result["reason"]!.GetValue<string>());
        Assert.Empty(sns.Published);
    }

    [Fact]
    public void Every_access_event_file_has_a_case_of_its_own()
    {
        var files = Directory.GetFiles(Path.Combine(Paths.Root, "events"), "access-*.json").Select(f => Path.GetFileNameWithoutExtension(f)!);
        var plain = Cases.Where(c => c["changes"] is null && c["env"] is null).Select(c => c["event"]!.GetValue<string>());

        Assert.Empty(files.Except(plain));
        Assert.Equal(AccessEvents.All.Count, files.Count());
    }

    private static Dictionary<string, string> Environment(JsonObject c)
    {
        var env = new Dictionary<string, string>
        {
            ["GUARDRAIL_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:spectrum-guardrail-alerts",
            ["GUARDRAIL_STATE_TABLE"] = Sandbox.Table,
            ["GUARDRAIL_ACCOUNT_ID"] = Sandbox.Account,
            ["GUARDRAIL_STATE_KEY_ID"] = "arn:aws:kms:us-east-1:123456789012:key/state-mac",
        };
        foreach (var (key, value) in Corpus["configuration"]!.AsObject().Concat(c["env"]?.AsObject() ?? []))
        {
            if (value!.GetValue<string>() is { Length: > 0 } text)
            {
                env[key] = text;
            }
            else
            {
                env.Remove(key);
            }
        }

        return env;
    }
}
