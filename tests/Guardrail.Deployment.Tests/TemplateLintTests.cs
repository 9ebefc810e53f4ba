namespace Guardrail.Deployment.Tests;

public sealed class TemplateLintTests
{
    [Fact]
    public void Cfn_lint_reports_no_error_or_warning_on_any_template()
    {
        var templates = new[] { "template.yaml" }.Concat(Directory.GetFiles(Path.Combine(Processes.Root, "infra"), "*.yaml").Select(f => Path.GetRelativePath(Processes.Root, f))).ToList();

        var (exit, output, error) = Processes.Run("cfn-lint", templates);

        Assert.True(exit == 0 && output.Trim().Length == 0, $"cfn-lint exit {exit}:\n{output}\n{error}");
        Assert.True(templates.Count >= 5, "template.yaml and the infra/ stacks");
        Assert.Contains(Path.Combine("infra", "member.yaml"), templates);
    }
}
