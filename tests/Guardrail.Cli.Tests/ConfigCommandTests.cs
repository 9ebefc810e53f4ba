using System.Text;
using Guardrail.Cli;

namespace Guardrail.Cli.Tests;

/// <summary><c>guardrail config validate</c> and <c>guardrail config show</c>.</summary>
public sealed class ConfigCommandTests
{
    private static (int Exit, string Out, string Error) Run(Func<string, string?> variables, string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var env = new CliEnvironment(input, output, error, Colour: false, () => CliRunner.Now, CliRunner.Root, variables);
        return (GuardrailCli.Run(args, env), output.ToString(), error.ToString());
    }

    private static (int Exit, string Out, string Error) Run(params string[] args) => Run(_ => null, string.Empty, args);

    [Theory]
    [InlineData("examples/config/single-account.json", "valid: 1 path")]
    [InlineData("examples/config/organization.yaml", "valid: 2 paths")]
    [InlineData("examples/config/organization.json", "valid: 1 path")]
    public void A_valid_document_says_how_many_paths(string file, string line)
    {
        var (exit, output, error) = Run("config", "validate", "--config", file);
        Assert.Equal((ExitCodes.Ok, line + Environment.NewLine, string.Empty), (exit, output, error));
    }

    [Fact]
    public void An_invalid_document_gives_one_line_per_problem_and_exit_2()
    {
        var (exit, output, error) = Run("config", "validate", "--config", "tests/cases/config/yaml-merge-key.yaml");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(output);
        Assert.Equal(
            [
                "$.paths[0]: unknown property \"<<\" (expected name, roleChain, cluster, tables, rollback, breakGlassRoles)",
                "$.paths[0].name: missing: the path's name (unique; it names the path in alerts)",
            ],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void The_file_is_read_with_the_input_rules()
    {
        var (exit, _, error) = Run("config", "validate", "--config", "examples/config/none.json");
        Assert.Equal((ExitCodes.InvalidInput, "guardrail: configuration file examples/config/none.json does not exist"), (exit, error.TrimEnd()));

        var big = Run(_ => null, new string(' ', 1024 * 1024 + 1), "config", "validate", "--config", "-");
        Assert.Equal(ExitCodes.InvalidInput, big.Exit);
        Assert.Contains("larger than 1 MiB", big.Error, StringComparison.Ordinal);

        var bom = Run(_ => null, "\uFEFF" + File.ReadAllText(Path.Combine(CliRunner.Root, "examples", "config", "organization.yaml")), "config", "validate", "--config", "-");
        Assert.Equal((ExitCodes.Ok, "valid: 2 paths"), (bom.Exit, bom.Out.TrimEnd()));
    }

    [Fact]
    public void Validate_needs_a_file()
    {
        var (exit, _, error) = Run("config", "validate");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--config", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_prints_the_canonical_json_which_validates()
    {
        var (exit, output, error) = Run("config", "show", "--config", "examples/config/organization.yaml");
        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
        Assert.StartsWith("{\n  \"version\": 1,\n  \"organization\": {\n    \"id\": \"o-a1b2c3d4e5\",", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"catalogAccount\": \"444444444444\"", output, StringComparison.Ordinal);
        var again = Run(_ => null, output, "config", "show", "--config", "-");
        Assert.Equal((ExitCodes.Ok, output), (again.Exit, again.Out));
    }

    [Fact]
    public void Show_without_a_file_follows_guardrail_config()
    {
        var (exit, output, _) = Run(name => name == "GUARDRAIL_CONFIG" ? "examples/config/single-account.json" : null, string.Empty, "config", "show");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("\"name\": \"sales\"", output, StringComparison.Ordinal);

        var missing = Run(name => name == "GUARDRAIL_CONFIG" ? "examples/config/none.json" : null, string.Empty, "config", "show");
        Assert.Equal(ExitCodes.InvalidInput, missing.Exit);
        Assert.StartsWith("guardrail: cannot read ", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_without_a_document_makes_one_from_the_environment_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift",
            ["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket",
            ["GUARDRAIL_PREFIXES"] = "sales/",
            ["GUARDRAIL_CLUSTERS"] = "analytics",
            ["GUARDRAIL_ROLLBACK"] = "true",
            ["AWS_REGION"] = "eu-west-1",
        };
        var (exit, output, error) = Run(variables.GetValueOrDefault, string.Empty, "config", "show");
        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
        Assert.Contains("\"rollback\": true", output, StringComparison.Ordinal);
        Assert.Contains("\"region\": \"eu-west-1\"", output, StringComparison.Ordinal);
        Assert.Contains("\"bucket\": \"amzn-s3-demo-bucket\"", output, StringComparison.Ordinal);

        var none = Run("config", "show");
        Assert.Equal(ExitCodes.InvalidInput, none.Exit);
        Assert.StartsWith("GUARDRAIL_SPECTRUM_ROLES is required", none.Error, StringComparison.Ordinal);
    }
}
