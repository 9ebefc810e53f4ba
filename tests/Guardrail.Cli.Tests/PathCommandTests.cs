using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Testing.Paths;

namespace Guardrail.Cli.Tests;

/// <summary><c>guardrail check path</c>: input errors name the element, the output shows the path hop by hop, every example runs.</summary>
public sealed class PathCommandTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";

    public static TheoryData<string> Examples => [.. Directory.GetFiles(Path.Combine(CliRunner.Root, "examples", "paths"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("""{"spectrum": {"roleChain": ["arn:aws:iam::111122223333:role/spectrum"]}, "buckets": {"lake": {"encryption": {"algorithm": "x"}}}}""",
        "guardrail: invalid snapshot in standard input: buckets.lake.encryption.algorithm: expected \"AES256\", \"aws:kms\" or \"aws:kms:dsse\", got \"x\"")]
    [InlineData("""{"spectrum": {"roleChain": ["arn:aws:iam::111122223333:role/spectrum"]}, "roles": {"arn:aws:iam::111122223333:role/spectrum": {"inlinePolicies": {"s3": {"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}}}}}""",
        "guardrail: invalid snapshot in standard input: roles[\"arn:aws:iam::111122223333:role/spectrum\"].inlinePolicies.s3: Statement[0].Effect: expected \"Allow\" or \"Deny\", got \"Alow\"")]
    [InlineData("""{"spectrum": {"roleChain": []}}""", "guardrail: invalid snapshot in standard input: spectrum.roleChain: no role ARN given (the chain has 1 to 10 roles)")]
    [InlineData("{", "guardrail: invalid snapshot in standard input: invalid JSON at line 1, column 2:")]
    public void A_bad_snapshot_exits_2_with_one_line_naming_the_element(string snapshot, string message)
    {
        var result = CliRunner.RunWithInput(snapshot, "check", "path", "--snapshot", "-");

        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Given_the_known_good_snapshot_a_deregistered_location_is_said_and_judged_with_the_roles_own_access()
    {
        var governed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(CliRunner.Root, "examples", "paths", "lake-formation-governed.json")))!;
        governed["lakeFormation"]!["111122223333"]!["resources"]!.AsArray().Clear();

        var said = CliRunner.RunWithInput(governed.ToJsonString(), "check", "path", "--snapshot", "-", "--known-good", "examples/paths/lake-formation-governed.json", "--format", "json");
        var alone = CliRunner.RunWithInput(governed.ToJsonString(), "check", "path", "--snapshot", "-", "--format", "json");
        var both = CliRunner.RunWithInput("{}", "check", "path", "--snapshot", "-", "--known-good", "-");

        // The cluster role has no S3 permission of its own: read without Lake Formation, the table breaks either way.
        Assert.Equal(1, said.Exit);
        Assert.Contains("\"lf-location-deregistered\"", said.Out, StringComparison.Ordinal);
        Assert.Contains("\"identity-missing-grant\"", said.Out, StringComparison.Ordinal);
        Assert.Equal(1, alone.Exit);
        Assert.DoesNotContain("lf-location-deregistered", alone.Out, StringComparison.Ordinal);
        Assert.Equal(2, both.Exit);
        Assert.Contains("cannot both read standard input", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_snapshot_file_exits_2()
    {
        var result = CliRunner.Run("check", "path", "--snapshot", "examples/paths/missing.json");

        Assert.Equal(2, result.Exit);
        Assert.Equal("guardrail: snapshot file examples/paths/missing.json does not exist\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Snapshots_may_be_larger_than_a_policy_up_to_8_MiB()
    {
        // 2 MiB passes the input limit (1 MiB for policies) and is judged by the reader, which finds the bad value at the end.
        var tags = $"\"tags\": {{\"padding\": \"{new string('a', 2 * 1024 * 1024)}\"}}";
        var twoMiB = $"{{\"spectrum\": {{\"roleChain\": [\"{Role}\"]}}, \"roles\": {{\"{Role}\": {{{tags}}}}}, \"buckets\": {{\"lake\": {{\"ownership\": \"x\"}}}}}}";
        var nineMiB = new string(' ', 9 * 1024 * 1024) + "{}";

        var judged = CliRunner.RunWithInput(twoMiB, "check", "path", "--snapshot", "-");
        var refused = CliRunner.RunWithInput(nineMiB, "check", "path", "--snapshot", "-");

        Assert.Equal(2, judged.Exit);
        Assert.Contains("buckets.lake.ownership: expected", judged.Error, StringComparison.Ordinal);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("standard input is larger than 8 MiB (8,388,608 bytes)", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_shows_the_path_as_one_line_of_marked_hops_then_the_verdict_then_findings_by_hop()
    {
        var output = new StringWriter();

        PathOutput.WriteText(output, Verdict(), "s3://lake/sales/ as " + Role, colour: false);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("trust ✓ → association ✓ → identity ✗ → bucket ✓ → key ! → catalog ? → ownership ✓ → lake-formation ? → vpc-endpoint ?", lines[0]);
        Assert.Equal("BREAKS  Redshift Spectrum cannot read s3://lake/sales/ as " + Role, lines[1]);
        Assert.Equal("security: ok", lines[2]);
        var identity = Array.IndexOf(lines, "identity ✗ breaks");
        Assert.True(identity > 2, output.ToString());
        Assert.Equal("  [high] identity-missing-grant  in role/spectrum inline policy s3, Statement[0]", lines[identity + 1]);
        Assert.Equal("      The role's policies allow no s3:GetObject on arn:aws:s3:::lake/sales/*.", lines[identity + 2]);
        Assert.Equal("      fix: Attach a policy allowing s3:GetObject on the table location.", lines[identity + 3]);
        Assert.True(Array.IndexOf(lines, "key ! at-risk") > identity);
        Assert.True(Array.IndexOf(lines, "catalog ? unchecked") > Array.IndexOf(lines, "key ! at-risk"));
        Assert.DoesNotContain("ownership ✓ ok", lines);
        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_escapes_document_names_and_colours_marks_only_on_a_terminal()
    {
        var hostile = Verdict() with
        {
            Hops = [new HopResult(HopKind.Bucket, HopStatus.Breaks, [new PathFinding(HopKind.Bucket, "policy\n\u001b[31mFAKE", Finding("bucket-denies", Severity.High))])],
        };
        var plain = new StringWriter();
        var coloured = new StringWriter();

        PathOutput.WriteText(plain, hostile, "x", colour: false);
        PathOutput.WriteText(coloured, hostile, "x", colour: true);

        Assert.Contains("in policy\\n\\u001b[31mFAKE, Statement[0]", plain.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", plain.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[1m\u001b[31m✗\u001b[0m", coloured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_every_hop_in_path_order_and_the_findings_flat_with_their_hop_and_document()
    {
        var shuffled = Verdict() with { Hops = [.. Verdict().Hops.Reverse()], Locations = new LocationCounts(3, 1200) };

        using var json = JsonDocument.Parse(PathOutput.ToJson(shuffled));

        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "command", "verdict", "security", "hops", "findings", "requestsEvaluated", "findingsOmitted", "locations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, 1200), (root.GetProperty("locations").GetProperty("classes").GetInt32(), root.GetProperty("locations").GetProperty("tables").GetInt32()));
        Assert.Equal(0, root.GetProperty("findingsOmitted").GetInt32());
        Assert.Equal("breaks", root.GetProperty("verdict").GetString());
        Assert.Equal("ok", root.GetProperty("security").GetString());
        Assert.Equal(42, root.GetProperty("requestsEvaluated").GetInt32());
        var hops = root.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(["trust", "association", "identity", "bucket", "key", "catalog", "ownership", "lake-formation", "vpc-endpoint"], hops.Select(h => h.GetProperty("hop").GetString()));
        Assert.Equal(["ok", "ok", "breaks", "ok", "at-risk", "unchecked", "ok", "unchecked", "unchecked"], hops.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(1, hops[2].GetProperty("findings").GetArrayLength());
        Assert.Equal(["hop", "status", "findings", "findingsOmitted"], hops[2].EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, hops[2].GetProperty("findingsOmitted").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["identity", "key", "catalog"], findings.Select(f => f.GetProperty("hop").GetString()));
        var first = findings[0];
        Assert.Equal(["hop", "document", "rule", "severity", "kind", "statement", "message", "fix"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("role/spectrum inline policy s3", first.GetProperty("document").GetString());
        Assert.Equal("identity-missing-grant", first.GetProperty("rule").GetString());
        Assert.Equal("high", first.GetProperty("severity").GetString());
        Assert.Equal("access", first.GetProperty("kind").GetString());
        Assert.Equal("Statement[0]", first.GetProperty("statement").GetString());
        Assert.Equal("info", findings[2].GetProperty("severity").GetString());
    }

    [Fact]
    public void Text_and_json_say_how_many_findings_each_hop_left_out()
    {
        var verdict = Verdict() with
        {
            Hops = [.. Verdict().Hops.Select(h => h.Hop switch
            {
                HopKind.Identity => h with { FindingsOmitted = 19_900 },
                HopKind.Ownership => h with { FindingsOmitted = 1 },
                _ => h,
            })],
        };
        var text = new StringWriter();

        PathOutput.WriteText(text, verdict, "x", colour: false);
        using var json = JsonDocument.Parse(PathOutput.ToJson(verdict));

        var lines = text.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("  … and 19,900 more findings on this hop (not shown; the verdict counts them)", lines[Array.IndexOf(lines, "identity ✗ breaks") + 4]);
        Assert.Equal("  … and 1 more finding on this hop (not shown; the verdict counts them)", lines[Array.IndexOf(lines, "ownership ✓ ok") + 1]);
        Assert.Equal(19_901, json.RootElement.GetProperty("findingsOmitted").GetInt32());
        var hops = json.RootElement.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal([0, 0, 19_900, 0, 0, 0, 1, 0, 0], hops.Select(h => h.GetProperty("findingsOmitted").GetInt32()));
    }

    [Fact]
    public void A_snapshot_of_many_denies_prints_a_bounded_report_with_what_it_left_out()
    {
        // 2,000 conditional denies: each may apply, so each is a finding of the identity hop (about 3 MB of JSON in full).
        var snapshot = DenyHeavySnapshot.Json(2_000);

        var json = CliRunner.RunWithInput(snapshot, "check", "path", "--snapshot", "-", "--format", "json");
        var text = CliRunner.RunWithInput(snapshot, "check", "path", "--snapshot", "-");

        Assert.Equal((3, 3), (json.Exit, text.Exit));
        using var result = JsonDocument.Parse(json.Out);
        Assert.Equal("at-risk", result.RootElement.GetProperty("verdict").GetString());
        var identity = result.RootElement.GetProperty("hops").EnumerateArray().Single(h => h.GetProperty("hop").GetString() == "identity");
        Assert.Equal(PathEvaluator.DefaultFindingsPerHop, identity.GetProperty("findings").GetArrayLength());
        var omitted = identity.GetProperty("findingsOmitted").GetInt32();
        Assert.True(omitted >= 2_000 - PathEvaluator.DefaultFindingsPerHop, $"{omitted} left out");
        Assert.Equal(omitted, result.RootElement.GetProperty("findingsOmitted").GetInt32());
        Assert.True(json.Out.Length < 256 * 1024, $"{json.Out.Length} characters of JSON");
        Assert.Contains($"  … and {omitted:N0} more findings on this hop (not shown; the verdict counts them)\n", text.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(text.Out.Length < 128 * 1024, $"{text.Out.Length} characters of text");
    }

    // Needs the lead's PathEvaluator: with the stub it exits 4.
    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_runs_end_to_end_in_both_formats(string example)
    {
        var path = $"examples/paths/{example}";

        var json = CliRunner.Run("check", "path", "--snapshot", path, "--format", "json");
        var text = CliRunner.Run("check", "path", "--snapshot", path);

        Assert.True(json.Exit is 0 or 1 or 3, $"exit {json.Exit}: {json.Error}");
        Assert.Equal(json.Exit, text.Exit);
        using var result = JsonDocument.Parse(json.Out);
        Assert.Equal(9, result.RootElement.GetProperty("hops").GetArrayLength());
        Assert.Contains("trust ", text.Out.Split('\n')[0], StringComparison.Ordinal);
    }

    // Needs the lead's PathEvaluator: the broken example must break at the identity hop.
    [Fact]
    public void The_detached_s3_policy_example_breaks_at_the_identity_hop()
    {
        var result = CliRunner.Run("check", "path", "--snapshot", "examples/paths/broken-detached-s3-policy.json", "--format", "json");

        Assert.True(result.Exit == 1, $"exit {result.Exit}: {result.Error}");
        using var json = JsonDocument.Parse(result.Out);
        var identity = json.RootElement.GetProperty("hops").EnumerateArray().Single(h => h.GetProperty("hop").GetString() == "identity");
        Assert.Equal("breaks", identity.GetProperty("status").GetString());
        Assert.Contains(identity.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "identity-missing-grant");
    }

    private static Finding Finding(string rule, Severity severity, string message = "m", string fix = "f") =>
        new(rule, severity, FindingKind.Access, "Statement[0]", message, fix);

    private static PathVerdict Verdict()
    {
        HopResult Hop(HopKind hop, HopStatus status, params PathFinding[] findings) => new(hop, status, findings);
        return new PathVerdict(
            AccessVerdict.Breaks,
            SecurityVerdict.Ok,
            [
                Hop(HopKind.Trust, HopStatus.Ok),
                Hop(HopKind.Association, HopStatus.Ok),
                Hop(HopKind.Identity, HopStatus.Breaks, new PathFinding(HopKind.Identity, "role/spectrum inline policy s3", Finding(
                    "identity-missing-grant", Severity.High, "The role's policies allow no s3:GetObject on arn:aws:s3:::lake/sales/*.", "Attach a policy allowing s3:GetObject on the table location."))),
                Hop(HopKind.Bucket, HopStatus.Ok),
                Hop(HopKind.Key, HopStatus.AtRisk, new PathFinding(HopKind.Key, "arn:aws:kms:us-east-1:111122223333:key/k1", Finding("key-policy-denies", Severity.Medium))),
                Hop(HopKind.Catalog, HopStatus.Unchecked, new PathFinding(HopKind.Catalog, "catalog 111122223333", Finding("unchecked", Severity.Info))),
                Hop(HopKind.Ownership, HopStatus.Ok),
                Hop(HopKind.LakeFormation, HopStatus.Unchecked),
                Hop(HopKind.VpcEndpoint, HopStatus.Unchecked),
            ],
            42);
    }
}
