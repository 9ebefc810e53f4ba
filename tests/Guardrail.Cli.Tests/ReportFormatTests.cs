using System.Text.Json;
using System.Xml.Linq;
using Guardrail.Cli.Reports;
using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;
using Guardrail.Core.Paths;

namespace Guardrail.Cli.Tests;

/// <summary>What the SARIF and JUnit outputs say, and where statements are found in a policy's text.</summary>
public sealed class ReportFormatTests
{
    private const string Role = "arn:aws:iam::123456789012:role/redshift";
    private const string Bucket = "amzn-s3-demo-bucket";

    [Fact]
    public void Sarif_names_the_rule_the_file_and_the_statements_line()
    {
        var result = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", Bucket, "--spectrum-role", Role, "--format", "sarif");

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var run = json.RootElement.GetProperty("runs")[0];
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("vpce-restriction", rule.GetProperty("id").GetString());
        Assert.Equal("VpceRestriction", rule.GetProperty("name").GetString());
        Assert.Equal(["access"], rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.StartsWith("Redshift Spectrum on provisioned clusters", rule.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
        var finding = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("error", finding.GetProperty("level").GetString());
        Assert.Contains("Fix: ", finding.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(finding.GetProperty("locations").EnumerateArray());
        var physical = location.GetProperty("physicalLocation");
        Assert.Equal("examples/bucket-policies/vpce-lockout.json", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(4, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Contains(location.GetProperty("logicalLocations").EnumerateArray(), l => l.GetProperty("name").GetString() == "DenyOutsideOurVpcEndpoint");
        Assert.False(finding.TryGetProperty("suppressions", out _));
    }

    [Fact]
    public void Sarif_of_a_path_logs_hop_and_document_and_has_no_line()
    {
        var result = CliRunner.Run("check", "path", "--snapshot", "examples/paths/broken-detached-s3-policy.json", "--format", "sarif");

        using var json = JsonDocument.Parse(result.Out);
        var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var grant = results.Single(r => r.GetProperty("ruleId").GetString() == "identity-missing-grant");
        var location = grant.GetProperty("locations")[0];
        Assert.False(location.GetProperty("physicalLocation").TryGetProperty("region", out _));
        Assert.Equal(["identity", "the policies of arn:aws:iam::111122223333:role/spectrum", "(policy)"], location.GetProperty("logicalLocations").EnumerateArray().Select(l => l.GetProperty("name").GetString()));

        // An info finding is a note, even on the hop that breaks; the rule list has each rule once.
        Assert.All(results.Where(r => r.GetProperty("ruleId").GetString() == "hop-unchecked"), r => Assert.Equal("note", r.GetProperty("level").GetString()));
        var rules = json.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(rules.Distinct().Count(), rules.Count);
        Assert.Equal(results.Select(r => r.GetProperty("ruleId").GetString()).Distinct().Order(), rules.Order());
    }

    [Fact]
    public void The_sarif_schema_refuses_what_is_not_sarif()
    {
        Assert.ThrowsAny<Exception>(() => SchemaValidation.AssertSarifValid("""{"version":"2.1.0"}"""));
        Assert.ThrowsAny<Exception>(() => SchemaValidation.AssertSarifValid("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"g"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}"""));
        SchemaValidation.AssertSarifValid("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"g"}},"results":[{"message":{"text":"m"},"level":"note"}]}]}""");
    }

    [Theory]
    [InlineData(Severity.Critical, FindingKind.Access, null, "error")]
    [InlineData(Severity.High, FindingKind.Security, null, "error")]
    [InlineData(Severity.Medium, FindingKind.Access, null, "warning")]
    [InlineData(Severity.Low, FindingKind.Security, null, "note")]
    [InlineData(Severity.Info, FindingKind.Access, null, "note")]
    [InlineData(Severity.Info, FindingKind.Access, HopStatus.Breaks, "note")]
    [InlineData(Severity.Low, FindingKind.Access, HopStatus.AtRisk, "warning")]
    [InlineData(Severity.Low, FindingKind.Security, HopStatus.Breaks, "note")]
    [InlineData(Severity.Low, FindingKind.Access, HopStatus.Breaks, "error")]
    [InlineData(Severity.Medium, FindingKind.Access, HopStatus.Ok, "warning")]
    public void Sarif_levels_follow_severity_and_the_hops_status(Severity severity, FindingKind kind, HopStatus? hop, string level) =>
        Assert.Equal(level, SarifLevels.Of(new Finding("r", severity, kind, "S", "m", "f"), hop));

    [Theory]
    [InlineData("policy.json", "policy.json")]
    [InlineData("infra/my policies/lake.json", "infra/my%20policies/lake.json")]
    [InlineData("infra\\lake.json", "infra/lake.json")]
    public void Artifact_uris_stay_relative_as_given(string file, string uri) => Assert.Equal(uri, SarifWriter.ArtifactUri(file));

    [Fact]
    public void Statement_lines_by_sid_and_by_index()
    {
        const string text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"A\", \"Effect\": \"Allow\"},\n    {\n      \"Effect\": \"Deny\",\n      \"Condition\": {\"Statement\": [{\"Sid\": \"Nested\"}]}\n    },\n    {\"Sid\": \"\", \"Effect\": \"Deny\"}\n  ]\n}";

        var lines = StatementLines.Scan(text);

        Assert.Equal((4, 4, 5, 9), (lines.LineOf("A"), lines.LineOf("Statement[0]"), lines.LineOf("Statement[1]"), lines.LineOf("Statement[2]")));
        Assert.Null(lines.LineOf("Nested"));
        Assert.Null(lines.LineOf("Statement[3]"));
        Assert.Equal(2, StatementLines.Scan("{\"Version\":\"2012-10-17\",\n\"Statement\": {\"Sid\": \"Only\"}}").LineOf("Only"));
        Assert.Null(StatementLines.Scan("{\"Statement\": [").LineOf("Statement[0]"));
    }

    [Fact]
    public void Junit_has_a_case_per_hop_and_fails_the_hop_that_breaks()
    {
        var result = CliRunner.Run("check", "path", "--snapshot", "examples/paths/broken-detached-s3-policy.json", "--format", "junit");

        Assert.Equal(1, result.Exit);
        var suite = XDocument.Parse(result.Out).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["trust", "association", "identity", "bucket", "key", "catalog", "ownership", "lake-formation", "vpc-endpoint"], cases.Select(c => (string)c.Attribute("name")!));
        var failed = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal("identity", (string)failed.Attribute("name")!);
        Assert.StartsWith("identity-missing-grant: ", (string)failed.Element("failure")!.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("fix: Give the Spectrum role", failed.Element("failure")!.Value, StringComparison.Ordinal);
        Assert.Equal(("9", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
    }

    [Fact]
    public void Junit_skips_excepted_rules_and_passes_rules_that_do_not_count()
    {
        var excepted = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", Bucket, "--spectrum-role", Role, "--format", "junit", "--exceptions", "tests/cases/ci/exceptions/vpce-accepted.yaml");
        var notCounted = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/stranger-added.json", "--role", Role, "--format", "junit");
        var counted = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/stranger-added.json", "--role", Role, "--format", "junit", "--fail-on", "weakened");

        var skipped = Assert.Single(XDocument.Parse(excepted.Out).Descendants("testcase"));
        Assert.Equal("excepted: Migration to Redshift Serverless, ticket DATA-1234", (string)skipped.Element("skipped")!.Attribute("message")!);
        var passed = Assert.Single(XDocument.Parse(notCounted.Out).Descendants("testcase"));
        Assert.Null(passed.Element("failure"));
        Assert.Contains("trust-extra-principal", passed.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(XDocument.Parse(counted.Out).Descendants("testcase")).Element("failure"));
    }

    [Fact]
    public void A_report_built_by_hand_with_hostile_text_is_escaped_in_every_format()
    {
        // As check change will: a report built directly, with a location resource and text from a template.
        const string hostile = "<x>]]>&\u001b[31m\u202e";
        var finding = new Finding("public-grant", Severity.High, FindingKind.Security, hostile, hostile, hostile);
        var report = new CheckReport("change", "template " + hostile, AccessVerdict.Ok, SecurityVerdict.Weakened,
            [new ReportedFinding(finding, null, null, new ReportLocation("infra/lake.yaml", 12, "LakeBucketPolicy"), new FindingException("public-grant", "LakeBucketPolicy", null, hostile, new DateOnly(2027, 1, 1)))])
        {
            ExceptionsApplied = true,
        };

        var junit = XDocument.Parse(JunitWriter.Write(report, FailOn.Parse(["weakened"])));
        var sarif = SarifWriter.Write(report);
        var json = ReportJsonWriter.Write(report);
        var text = new StringWriter();
        ReportTextWriter.Write(text, report, colour: false);

        Assert.Contains("\\u001b", junit.Descendants("skipped").Single().Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u202e", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("LakeBucketPolicy, ", text.ToString(), StringComparison.Ordinal);
        SchemaValidation.AssertSarifValid(sarif);
        SchemaValidation.AssertOutputValid(json);
        using var sarifJson = JsonDocument.Parse(sarif);
        var result = sarifJson.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal(12, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("external", result.GetProperty("suppressions")[0].GetProperty("kind").GetString());
        Assert.Equal(0, FailOn.Parse(["weakened"]).ExitCode(CountedOutcome.Of(report)));
    }
}
