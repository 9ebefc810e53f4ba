using Guardrail.Cli.Reports;
using Guardrail.Functions.Configuration.Documents;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Cli.Tests;

/// <summary>The shape of the pipeline examples: action.yml (GitHub Actions), examples/pipelines/buildspec.yml (CodeBuild) and examples/exceptions.yaml.</summary>
public sealed class PipelineExampleTests
{
    private static YamlMappingNode Load(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Testing.RepoRoot.Of(path));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode At(YamlMappingNode node, string key) => node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)At(node, key)).Value!;

    [Fact]
    public void The_action_has_its_inputs_and_uses_every_one()
    {
        var action = Load("action.yml");
        var inputs = (YamlMappingNode)At(action, "inputs");
        var steps = ((YamlSequenceNode)At((YamlMappingNode)At(action, "runs"), "steps")).Children.Cast<YamlMappingNode>().ToList();
        var stepsText = File.ReadAllText(Testing.RepoRoot.Of("action.yml"))[File.ReadAllText(Testing.RepoRoot.Of("action.yml")).IndexOf("steps:", StringComparison.Ordinal)..];

        Assert.Equal("composite", Text((YamlMappingNode)At(action, "runs"), "using"));
        Assert.Equal(["command", "args", "fail-on", "exceptions", "sarif-file"], inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("check change", Text((YamlMappingNode)At(inputs, "command"), "default"));
        var failOn = Text((YamlMappingNode)At(inputs, "fail-on"), "default");
        Assert.Equal(FailOn.Default, FailOn.Parse([failOn]));
        foreach (var input in inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value))
        {
            Assert.Contains($"${{{{ inputs.{input} }}}}", stepsText, StringComparison.Ordinal);
        }

        var install = steps.Single(s => s.Children.ContainsKey(new YamlScalarNode("run")) && Text(s, "run").Contains("dotnet pack", StringComparison.Ordinal));
        Assert.Contains("src/Guardrail.Cli", Text(install, "run"), StringComparison.Ordinal);
        Assert.Contains("dotnet tool install", Text(install, "run"), StringComparison.Ordinal);
        var check = steps.Single(s => s.Children.ContainsKey(new YamlScalarNode("id")) && Text(s, "id") == "check");
        Assert.Contains("--format sarif > \"$GUARDRAIL_SARIF\"", Text(check, "run"), StringComparison.Ordinal);
        Assert.Contains("--fail-on \"$GUARDRAIL_FAIL_ON\"", Text(check, "run"), StringComparison.Ordinal);
        var upload = steps.Single(s => s.Children.ContainsKey(new YamlScalarNode("uses")) && Text(s, "uses") == "github/codeql-action/upload-sarif@v3");
        Assert.Equal("always()", Text(upload, "if"));
        Assert.Equal("${{ inputs.sarif-file }}", Text((YamlMappingNode)At(upload, "with"), "sarif_file"));

        // No input is pasted into a script: they reach the shell as environment variables.
        Assert.All(steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))), s => Assert.DoesNotContain("${{ inputs.", Text(s, "run"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_buildspec_writes_junit_where_its_report_group_reads_it()
    {
        var buildspec = Load("examples", "pipelines", "buildspec.yml");

        Assert.Equal("0.2", Text(buildspec, "version"));
        var group = (YamlMappingNode)Assert.Single(((YamlMappingNode)At(buildspec, "reports")).Children).Value;
        Assert.Equal("JUNITXML", Text(group, "file-format"));
        var file = ((YamlScalarNode)Assert.Single(((YamlSequenceNode)At(group, "files")).Children)).Value!;
        var commands = string.Join("\n", ((YamlSequenceNode)At((YamlMappingNode)At((YamlMappingNode)At(buildspec, "phases"), "build"), "commands")).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains($"--format junit > {Text(group, "base-directory")}/{file}", commands, StringComparison.Ordinal);
        var install = string.Join("\n", ((YamlSequenceNode)At((YamlMappingNode)At((YamlMappingNode)At(buildspec, "phases"), "install"), "commands")).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("dotnet pack src/Guardrail.Cli", install, StringComparison.Ordinal);
        var variables = (YamlMappingNode)At((YamlMappingNode)At(buildspec, "env"), "variables");
        Assert.Equal(FailOn.Default, FailOn.Parse([Text(variables, "GUARDRAIL_FAIL_ON")]));
        Assert.True(File.Exists(Testing.RepoRoot.Of(Text(variables, "GUARDRAIL_EXCEPTIONS").Split('/'))));
    }

    [Fact]
    public void The_example_exceptions_file_is_valid_and_excepts_the_examples_findings()
    {
        var read = ExceptionsDocumentReader.Read(File.ReadAllText(Testing.RepoRoot.Of("examples", "exceptions.yaml")));
        Assert.Empty(read.Problems);
        Assert.Equal(2, read.Exceptions!.Count);

        var result = CliRunner.Run("check", "bucket-policy", "--policy", "examples/bucket-policies/vpce-lockout.json", "--bucket", "amzn-s3-demo-bucket", "--spectrum-role", "arn:aws:iam::123456789012:role/redshift", "--exceptions", "examples/exceptions.yaml");

        Assert.Equal(0, result.Exit);
        Assert.Contains("excepted: Spectrum moves to Redshift Serverless", result.Out, StringComparison.Ordinal);
        Assert.Contains("exceptions: 1 excepted, 0 expired, 1 unused; counted: ok, security ok", result.Out, StringComparison.Ordinal);
    }
}
