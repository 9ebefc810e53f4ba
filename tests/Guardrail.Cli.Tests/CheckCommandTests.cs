using System.Text.Json;

namespace Guardrail.Cli.Tests;

public sealed class CheckCommandTests
{
    private const string Role = "arn:aws:iam::123456789012:role/redshift";
    private const string Bucket = "amzn-s3-demo-bucket";

    [Theory]
    [InlineData("seed-spectrum-only", 0, "ok")]
    [InlineData("vpce-lockout", 1, "breaks")]
    [InlineData("vpce-with-spectrum-exemption", 0, "ok")]
    [InlineData("short-signature-age", 1, "breaks")]
    public void Bucket_policy_examples_give_the_documented_exit_code_and_verdict(string example, int exit, string verdict)
    {
        var result = CliRunner.Run("check", "bucket-policy", "--policy", $"examples/bucket-policies/{example}.json", "--bucket", Bucket, "--spectrum-role", Role, "--format", "json");

        Assert.Equal(exit, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(verdict, json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Json_output_has_the_contract_fields_for_each_finding()
    {
        var result = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", Bucket, "--spectrum-role", Role, "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("ok", root.GetProperty("security").GetString());
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("vpce-restriction", finding.GetProperty("rule").GetString());
        Assert.Equal("high", finding.GetProperty("severity").GetString());
        Assert.Equal("DenyOutsideOurVpcEndpoint", finding.GetProperty("statement").GetString());
        Assert.Contains("aws:SourceVpce", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(root.GetProperty("resource").GetProperty("crossAccount").GetBoolean());
    }

    [Fact]
    public void At_risk_exits_3()
    {
        const string policy = """
            {"Version":"2012-10-17","Statement":[{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"s3:*",
             "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abcdef1234"}}}]}
            """;

        var unknownOrg = CliRunner.RunWithInput(policy, "check", "bucket-policy", "--policy", "-", "--bucket", Bucket, "--spectrum-role", Role);
        var knownOrg = CliRunner.RunWithInput(policy, "check", "bucket-policy", "--policy", "-", "--bucket", Bucket, "--spectrum-role", Role, "--org-id", "o-abcdef1234");

        Assert.Equal(3, unknownOrg.Exit);
        Assert.StartsWith("AT RISK", unknownOrg.Out, StringComparison.Ordinal);
        Assert.Contains("condition-unknowable", unknownOrg.Out, StringComparison.Ordinal);
        Assert.Equal(0, knownOrg.Exit);
    }

    [Fact]
    public void Text_output_puts_the_verdict_first_then_statement_and_fix_without_colour_when_redirected()
    {
        var result = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/short-signature-age.json", "--bucket", Bucket, "--spectrum-role", Role);

        var lines = result.Out.Split('\n');
        Assert.StartsWith("BREAKS", lines[0], StringComparison.Ordinal);
        Assert.Contains("signature-age-too-short  in DenyOldPresignedUrls", result.Out, StringComparison.Ordinal);
        Assert.Contains("fix: Set s3:signatureAge to at least 3600000", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_account_and_prefix_options_reach_the_evaluator()
    {
        var sameAccount = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/seed-spectrum-only.json", "--bucket", Bucket, "--spectrum-role", Role, "--format", "json");
        var crossAccount = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/seed-spectrum-only.json", "--bucket", Bucket, "--spectrum-role", Role, "--bucket-account", "111122223333", "--format", "json");

        Assert.Equal(0, sameAccount.Exit);
        Assert.Equal(1, crossAccount.Exit);
        Assert.Contains("missing-cross-account-grant", crossAccount.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Serverless_with_the_admitted_endpoint_is_ok()
    {
        var result = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", Bucket, "--spectrum-role", Role, "--cluster", "serverless", "--vpce", "vpce-0a1b2c3d4e5f60718");

        Assert.True(result.Exit == 0, result.Error);
    }

    [Fact]
    public void Prefix_may_be_given_as_an_s3_uri()
    {
        const string policy = """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenySecret","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/secret/*"}]}
            """;

        var result = CliRunner.RunWithInput(policy, "check", "bucket-policy", "--policy", "-", "--bucket", Bucket, "--spectrum-role", Role, "--prefix", "s3://amzn-s3-demo-bucket/sales/", "--prefix", "hr/");

        Assert.Equal(0, result.Exit);
    }

    [Fact]
    public void Trust_policy_that_adds_a_stranger_is_ok_for_access_but_weakened()
    {
        var result = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/stranger-added.json", "--role", Role, "--format", "json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("weakened", json.RootElement.GetProperty("security").GetString());
        Assert.Equal("trust-extra-principal", json.RootElement.GetProperty("findings")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public void Trust_policy_without_redshift_breaks()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

        var result = CliRunner.RunWithInput(policy, "check", "trust-policy", "--policy", "-", "--role", Role);

        Assert.Equal(1, result.Exit);
        Assert.Contains("trust-missing-redshift", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""", "Statement[0].Effect: expected \"Allow\" or \"Deny\", got \"Maybe\"")]
    [InlineData("""{"Statement": [""", "invalid JSON at line 1")]
    [InlineData("", "the policy document is empty")]
    public void Invalid_policy_exits_2_with_the_element_named_and_no_stack_trace(string policy, string message)
    {
        var result = CliRunner.RunWithInput(policy, "check", "bucket-policy", "--policy", "-", "--bucket", Bucket, "--spectrum-role", Role);

        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bucket", "Not_A_Bucket", "is not an S3 bucket name")]
    [InlineData("--spectrum-role", "arn:aws:iam::123:user/bob", "is not an IAM role ARN")]
    [InlineData("--bucket-account", "12345", "is not a 12-digit AWS account ID")]
    [InlineData("--org-id", "org-1", "is not an AWS Organizations ID")]
    [InlineData("--vpce", "endpoint-1", "is not a VPC endpoint ID")]
    [InlineData("--prefix", "s3://other-bucket/x/", "is in another bucket")]
    [InlineData("--cluster", "classic", "'classic' not recognized")]
    [InlineData("--format", "yaml", "'yaml' not recognized")]
    [InlineData("--bucket-account", "١٢٣٤٥٦٧٨٩٠١٢", "is not a 12-digit AWS account ID")]
    [InlineData("--bucket-account", "123456789012\n", "\"123456789012\\n\" is not a 12-digit AWS account ID")]
    [InlineData("--bucket", "192.168.1.1", "formatted as an IP address")]
    [InlineData("--bucket", "xn--bucket", "the prefix xn-- is reserved")]
    [InlineData("--bucket", "bucket-s3alias", "the suffix -s3alias is reserved")]
    [InlineData("--spectrum-role", "arn:aws:iam::123456789012:role/a/", "the role name must be 1 to 64")]
    [InlineData("--spectrum-role", "arn:aws:iam::123456789012:role/a//b", "each path segment must be 1 or more")]
    [InlineData("--spectrum-role", "arn:aws:iam::123456789012:role/rеdshift", "the role name must be 1 to 64")]
    [InlineData("--vpce", "vpce-0a1b2c3d4e", "is not a VPC endpoint ID")]
    [InlineData("--prefix", "sales/*", "must be a non-empty key prefix without wildcards")]
    public void Invalid_option_values_exit_2_with_a_message(string option, string value, string message)
    {
        var args = new List<string> { "check", "bucket-policy", "--policy", "examples/bucket-policies/seed-spectrum-only.json", "--bucket", Bucket, "--spectrum-role", Role };
        var index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = CliRunner.Run([.. args]);

        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        var line = Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("guardrail: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_option_and_missing_file_exit_2()
    {
        var missingOption = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/seed-redshift-only.json");
        var missingFile = CliRunner.Run("check", "trust-policy", "--policy", "no/such/file.json", "--role", Role);
        var directory = CliRunner.Run("check", "trust-policy", "--policy", "examples", "--role", Role);

        Assert.Equal(2, missingOption.Exit);
        Assert.Contains("--role", missingOption.Error, StringComparison.Ordinal);
        Assert.Equal(2, missingFile.Exit);
        Assert.Contains("does not exist", missingFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, directory.Exit);
        Assert.Contains("is a directory", directory.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trust_policy_with_a_resource_is_rejected_as_iam_would()
    {
        var result = CliRunner.Run("check", "trust-policy", "--policy", "examples/bucket-policies/seed-spectrum-only.json", "--role", Role);

        Assert.Equal(2, result.Exit);
        Assert.Contains("cannot have \"Resource\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0()
    {
        var result = CliRunner.Run("check", "bucket-policy", "--help");

        Assert.Equal(0, result.Exit);
        Assert.Contains("--spectrum-role", result.Out, StringComparison.Ordinal);
    }
}
