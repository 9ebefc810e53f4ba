using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using Guardrail.Testing.Paths;
using Guardrail.Testing.Reference;

// export OUT.json: every corpus request case, and every request shape of every bucket Spectrum case made concrete,
//                  with our decision, in a form bench/differential/compare.mjs feeds to iam-simulate.
// time IN.json SECONDS: decisions per second (wall clock and process CPU time) of our evaluator over the exported
//                       requests (policies parsed once, after an uncounted warm-up).
// export-path OUT.json [WORLDS]: the concrete requests of generated access paths with the path's decision and the
//                  documents iam-simulate needs (identity, boundary, SCPs, RCPs, resource policy); default 500 worlds.
if (args.Length < 2 || args[0] is not ("export" or "time" or "export-path"))
{
    Console.Error.WriteLine("usage: Guardrail.Differential export OUT.json | time IN.json [SECONDS] | export-path OUT.json [WORLDS]");
    return 2;
}

return args[0] switch
{
    "export" => Export(args[1]),
    "export-path" => Guardrail.Differential.PathExport.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500),
    _ => Time(args[1], args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5),
};

static int Export(string output)
{
    var root = FindRoot();
    var items = new JsonArray();
    foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "cases", "requests"), "*.json").Order(StringComparer.Ordinal))
    {
        var cases = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i]!.AsObject();
            var kind = c["kind"]?.GetValue<string>() ?? "bucket";
            var policyText = c["policy"]!.ToJsonString();
            var policy = PolicyParser.Parse(policyText, kind == "trust" ? PolicyKind.Trust : PolicyKind.Bucket);
            var request = ConcreteRequestJson.Read(c["request"]!.AsObject(), "arn:aws:iam::123456789012:role/redshift", "arn:aws:s3:::amzn-s3-demo-bucket/data/file.parquet");
            var decision = PolicyEvaluator.Evaluate(policy, request, GrantSource.PolicyMustAllow);
            var requestJson = c["request"]!.DeepClone().AsObject();
            requestJson["principal"] ??= "arn:aws:iam::123456789012:role/redshift";
            requestJson["resource"] ??= "arn:aws:s3:::amzn-s3-demo-bucket/data/file.parquet";
            requestJson["context"] ??= new JsonObject();

            // The resource policy alone must decide: cross-account, with an identity policy that allows everything.
            requestJson["resourceAccount"] = kind == "trust" ? "123456789012" : "999999999999";
            items.Add(new JsonObject
            {
                ["id"] = $"{Path.GetFileName(file)}#{i}: {c["name"]}",
                ["kind"] = kind,
                ["policy"] = JsonNode.Parse(policyText),
                ["identityAllowsAll"] = kind != "trust",
                ["request"] = requestJson,
                ["ours"] = ConcreteRequestJson.DecisionText(decision),
            });
        }
    }

    foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "cases", "spectrum"), "bucket-*.json").Order(StringComparer.Ordinal))
    {
        var cases = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i]!.AsObject();
            if (c["policy"] is null)
            {
                continue;
            }

            var options = Options(c["options"]?.AsObject());
            var policyText = c["policy"]!.ToJsonString();
            var policy = PolicyParser.Parse(policyText, PolicyKind.Bucket);
            var grant = options.IsCrossAccount ? GrantSource.PolicyMustAllow : GrantSource.IdentityPolicyMayGrant;
            var keys = policy.Statements.SelectMany(s => s.Conditions).Select(k => k.Key)
                .Concat(policy.Statements.SelectMany(s => s.Resource?.Patterns ?? []).SelectMany(VariableKeys))
                .Concat(["aws:PrincipalArn", "aws:PrincipalAccount", "aws:SecureTransport", "aws:UserAgent", "s3:authType", "aws:CurrentTime"])
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var n = 0;
            foreach (var shape in ReferenceFamily.ForBucket(policy, options))
            {
                var context = Concretizer.Context(shape.Request.Context, keys);
                var concrete = new AccessRequest(
                    shape.Request.Action,
                    new ConcreteResource(Concretizer.Resource(shape.Request.Resource)),
                    Concretizer.Principal(shape.Request.Principal),
                    new RequestContext(context.ToDictionary(kv => kv.Key, kv => ContextValue.Of([.. kv.Value])), fallback: ContextValue.Absent),
                    shape.Request.Description);
                var decision = PolicyEvaluator.Evaluate(policy, concrete, grant);
                var contextJson = new JsonObject();
                foreach (var (key, values) in context)
                {
                    contextJson[key] = values.Count == 1 ? values[0] : new JsonArray([.. values.Select(v => (JsonNode)v)]);
                }

                items.Add(new JsonObject
                {
                    ["id"] = $"{Path.GetFileName(file)}#{i}.{n++}: {c["name"]} / {shape.Request.Description}",
                    ["kind"] = "bucket",
                    ["policy"] = JsonNode.Parse(policyText),
                    ["identityAllowsAll"] = true,
                    ["request"] = new JsonObject
                    {
                        ["action"] = concrete.Action,
                        ["resource"] = ((ConcreteResource)concrete.Resource).Arn,
                        ["resourceAccount"] = options.EffectiveBucketAccount,
                        ["principal"] = ((RoleSessionPrincipal)concrete.Principal).SessionArn,
                        ["context"] = contextJson,
                    },
                    ["ours"] = ConcreteRequestJson.DecisionText(decision),
                });
            }
        }
    }

    File.WriteAllText(output, items.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    Console.WriteLine($"exported {items.Count} concrete requests to {output}");
    return 0;
}

static int Time(string input, double seconds)
{
    var items = JsonNode.Parse(File.ReadAllText(input))!.AsArray();
    var work = items.Select(item =>
    {
        var kind = item!["kind"]!.GetValue<string>();
        var policy = PolicyParser.Parse(item["policy"]!.ToJsonString(), kind == "trust" ? PolicyKind.Trust : PolicyKind.Bucket);
        var request = ConcreteRequestJson.Read(item["request"]!.AsObject(), "arn:aws:iam::123456789012:role/redshift", "arn:aws:s3:::amzn-s3-demo-bucket/x");
        var crossAccount = item["request"]!["resourceAccount"]!.GetValue<string>() != "123456789012" || kind == "trust";
        return (policy, request, grant: crossAccount ? GrantSource.PolicyMustAllow : GrantSource.IdentityPolicyMayGrant);
    }).ToList();

    (long Decisions, double Seconds, double CpuSeconds) RunFor(double limit)
    {
        var decisions = 0L;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < limit)
        {
            foreach (var (policy, request, grant) in work)
            {
                PolicyEvaluator.Evaluate(policy, request, grant);
            }

            decisions += work.Count;
        }

        return (decisions, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    RunFor(Math.Min(1, seconds / 5)); // warm-up, not counted (tiered JIT promotes the hot paths), as on the Node side
    var (decisions, elapsed, cpuSeconds) = RunFor(seconds);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        evaluator = "guardrail",
        requests = work.Count,
        decisions,
        seconds = elapsed,
        decisionsPerSecond = Math.Round(decisions / elapsed),
        decisionsPerCpuSecond = Math.Round(decisions / cpuSeconds),
    }));
    return 0;
}

static BucketCheckOptions Options(JsonObject? o) => new(
    o?["bucket"]?.GetValue<string>() ?? "amzn-s3-demo-bucket",
    RoleArn.ParseChain(o?["spectrumRole"]?.GetValue<string>() ?? "arn:aws:iam::123456789012:role/redshift"),
    o?["bucketAccount"]?.GetValue<string>(),
    o?["cluster"]?.GetValue<string>() == "serverless" ? ClusterKind.Serverless : ClusterKind.Provisioned,
    Strings(o?["vpce"]),
    Strings(o?["prefix"]),
    o?["orgId"]?.GetValue<string>(),
    new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

static List<string> Strings(JsonNode? node) => node is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];

static IEnumerable<string> VariableKeys(string pattern) =>
    System.Text.RegularExpressions.Regex.Matches(pattern, @"\$\{([^},]+)").Select(m => m.Groups[1].Value.Trim()).Where(k => k.Contains(':', StringComparison.Ordinal));

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found");
}
