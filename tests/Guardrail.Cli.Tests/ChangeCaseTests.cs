using System.Text.Json.Nodes;

namespace Guardrail.Cli.Tests;

/// <summary>
/// <c>guardrail check change</c> on the judged corpus (tests/cases/changes/judged/CASE/case.json): a template or plan
/// laid on an example snapshot, with the exit code, verdicts, hops before and after, and each finding's rule, hop,
/// resource and line it must report; every case cites the AWS (or Terraform) pages it follows. The JSON is validated
/// against docs/check-output.schema.json and the SARIF against the SARIF 2.1.0 schema, located at the same line.
/// </summary>
public sealed class ChangeCaseTests
{
    private static string Directory(string name) => Testing.RepoRoot.Of("tests", "cases", "changes", "judged", name);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in System.IO.Directory.GetDirectories(Testing.RepoRoot.Of("tests", "cases", "changes", "judged")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    private static string[] Arguments(string name, string format)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory(name), "case.json")))!;
        var args = new List<string> { "check", "change", "--snapshot", Testing.RepoRoot.Of(spec["snapshot"]!.GetValue<string>().Split('/')) };
        args.AddRange(spec["template"] is { } template ? ["--template", Path.Combine(Directory(name), template.GetValue<string>())] : ["--plan", Path.Combine(Directory(name), spec["plan"]!.GetValue<string>())]);
        if (spec["parameters"] is { } parameters)
        {
            args.AddRange(["--parameters", Path.Combine(Directory(name), parameters.GetValue<string>())]);
        }

        args.AddRange(["--account", spec["account"]!.GetValue<string>(), "--region", spec["region"]!.GetValue<string>(), "--format", format]);
        if (spec["failOn"] is { } failOn)
        {
            args.AddRange(["--fail-on", failOn.GetValue<string>()]);
        }

        return [.. args];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_change_is_judged_on_its_snapshot_and_located_in_its_input(string name)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory(name), "case.json")))!;
        Assert.NotEmpty(spec["source"]!.AsArray());
        var expect = spec["expect"]!;

        var (exit, output, error) = CliRunner.Run(Arguments(name, "json"));

        Assert.True(error.Length == 0, error);
        SchemaValidation.AssertOutputValid(output);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(expect["exit"]!.GetValue<int>(), exit);
        Assert.Equal("change", report["command"]!.GetValue<string>());
        Assert.Equal(expect["verdict"]!.GetValue<string>(), report["verdict"]!.GetValue<string>());
        Assert.Equal(expect["security"]?.GetValue<string>() ?? "ok", report["security"]!.GetValue<string>());
        foreach (var (hop, statuses) in expect["hops"]!.AsObject())
        {
            var reported = report["hops"]!.AsArray().Single(h => h!["hop"]!.GetValue<string>() == hop)!;
            Assert.Equal((statuses![0]!.GetValue<string>(), statuses[1]!.GetValue<string>()), (reported["before"]!.GetValue<string>(), reported["status"]!.GetValue<string>()));
        }

        var findings = report["findings"]!.AsArray().Where(f => f!["severity"]!.GetValue<string>() != "info").ToList();
        var expected = expect["findings"]!.AsArray();
        if (expected.Count == 0)
        {
            Assert.Empty(findings);
        }

        foreach (var wanted in expected)
        {
            Assert.Contains(findings, f => Matches(f!, wanted!));
        }

        if (expect["changesOnPath"] is { } onPath)
        {
            Assert.Equal(onPath.GetValue<int>(), report["changes"]!["onPath"]!.GetValue<int>());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_sarif_is_valid_and_puts_each_finding_at_its_resource_and_line_with_the_same_exit_code(string name)
    {
        var expect = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory(name), "case.json")))!["expect"]!;

        var (exit, output, _) = CliRunner.Run(Arguments(name, "sarif"));

        Assert.Equal(expect["exit"]!.GetValue<int>(), exit);
        SchemaValidation.AssertSarifValid(output);
        var results = JsonNode.Parse(output)!["runs"]![0]!["results"]!.AsArray();
        foreach (var wanted in expect["findings"]!.AsArray().Where(w => w!["line"] is not null))
        {
            Assert.Contains(results, r =>
                r!["ruleId"]!.GetValue<string>() == wanted!["rule"]!.GetValue<string>()
                && r["locations"]![0]!["physicalLocation"]!["region"]?["startLine"]?.GetValue<int>() == wanted["line"]!.GetValue<int>());
        }
    }

    private static bool Matches(JsonNode finding, JsonNode wanted) =>
        (wanted["rule"] is not { } rule || finding["rule"]!.GetValue<string>() == rule.GetValue<string>())
        && finding["hop"]?.GetValue<string>() == wanted["hop"]!.GetValue<string>()
        && (wanted["resource"] is not { } resource || finding["location"]?["resource"]?.GetValue<string>() == resource.GetValue<string>())
        && (wanted["line"] is not { } line || finding["location"]?["line"]?.GetValue<int>() == line.GetValue<int>())
        && finding["introduced"]!.GetValue<bool>();

    [Fact]
    public void A_template_can_come_from_standard_input_but_only_one_input_can()
    {
        var template = File.ReadAllText(Path.Combine(Directory("cfn-bucket-policy-vpce-lockout"), "template.yaml"));
        var snapshot = Testing.RepoRoot.Of("examples", "paths", "same-account-provisioned.json");

        var (exit, output, error) = CliRunner.RunWithInput(template, "check", "change", "--snapshot", snapshot, "--template", "-", "--account", "111122223333", "--region", "us-east-1", "--format", "json");
        var both = CliRunner.RunWithInput(template, "check", "change", "--snapshot", "-", "--template", "-");

        Assert.True(exit == 1, error);
        Assert.Equal("breaks", JsonNode.Parse(output)!["verdict"]!.GetValue<string>());
        Assert.Equal(2, both.Exit);
        Assert.Contains("--snapshot and --template cannot all read standard input", both.Error, StringComparison.Ordinal);
    }
}
