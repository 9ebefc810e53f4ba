namespace Guardrail.Deployment.Tests;

/// <summary>
/// The check that runs before the tests (tests/prerequisites.sh, called by tests/Directory.Build.targets before
/// VSTest): one line per missing tool, naming it and how to install it; nothing when everything is present.
/// </summary>
public sealed class PrerequisitesTests : IDisposable
{
    private static readonly string Script = Guardrail.Testing.RepoRoot.Of("tests", "prerequisites.sh");
    private readonly DirectoryInfo bin = Directory.CreateTempSubdirectory("guardrail-path-");

    public void Dispose() => bin.Delete(recursive: true);

    [Fact]
    public void Everything_present_prints_nothing()
    {
        var (exit, output, error) = Processes.Run("/bin/sh", [Script, "moto", "botocore", "cfn-lint"]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output + error);
    }

    [Fact]
    public void Without_python3_or_cfn_lint_each_is_named_on_one_line()
    {
        var (exit, output, _) = RunWithPath(bin.FullName, "moto", "botocore", "cfn-lint");

        Assert.Equal(1, exit);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("cfn-lint not found on PATH", StringComparison.Ordinal) && l.Contains("pip install cfn-lint", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("python3 not found on PATH", StringComparison.Ordinal) && l.Contains("moto[server]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_python3_without_the_modules_gets_one_line_per_missing_package()
    {
        // A python3 that sees no site-packages (-S): the interpreter is there, moto, botocore and cfnlint are not.
        var (_, executable, _) = Processes.Run("python3", ["-c", "import sys; print(sys.executable)"]);
        Executable("python3", $"#!/bin/sh\nexec '{executable.Trim()}' -S \"$@\"\n");
        Executable("cfn-lint", "#!/bin/sh\nexit 0\n");

        var (exit, output, _) = RunWithPath(bin.FullName, "moto", "botocore", "cfn-lint");

        Assert.Equal(1, exit);
        var lines = Lines(output);
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("has no moto[server]", StringComparison.Ordinal) && l.Contains("pip install 'moto[server]'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("has no botocore", StringComparison.Ordinal) && l.Contains("pip install botocore", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("has no cfnlint", StringComparison.Ordinal) && l.Contains("pip install cfn-lint", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_what_the_project_needs_is_checked()
    {
        var (exit, output, _) = RunWithPath(bin.FullName, "moto");

        Assert.Equal(1, exit);
        Assert.Contains("python3 not found", Assert.Single(Lines(output)), StringComparison.Ordinal);
        Assert.Equal((0, string.Empty, string.Empty), RunWithPath(bin.FullName));
    }

    [Fact]
    public void Dotnet_test_stops_before_the_tests_with_those_lines()
    {
        File.CreateSymbolicLink(Path.Combine(bin.FullName, "sh"), "/bin/sh"); // MSBuild's Exec runs sh from PATH
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Environment.ProcessPath!;
        var (exit, output, _) = Processes.Run(
            dotnet,
            ["msbuild", Guardrail.Testing.RepoRoot.Of("tests", "Guardrail.Aws.Tests"), "-t:GuardrailPrerequisites", "-nologo"],
            environment: new Dictionary<string, string> { ["PATH"] = bin.FullName });

        Assert.NotEqual(0, exit);
        Assert.Contains("error GUARDRAIL0001: python3 not found on PATH", output, StringComparison.Ordinal);
        Assert.Contains("error GUARDRAIL0002: Guardrail.Aws.Tests not run", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cfn-lint not found", output, StringComparison.Ordinal);
    }

    private static List<string> Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static (int Exit, string Out, string Error) RunWithPath(string path, params string[] needs) =>
        Processes.Run("/bin/sh", [Script, .. needs], environment: new Dictionary<string, string> { ["PATH"] = path });

    private void Executable(string name, string text)
    {
        var file = Path.Combine(bin.FullName, name);
        File.WriteAllText(file, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
