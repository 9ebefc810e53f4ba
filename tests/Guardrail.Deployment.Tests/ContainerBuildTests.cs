using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// sam build --use-container copies only a function's CodeUri into its build container. Under the managed runtime
/// (BuildMethod makefile) everything the build reads — the project the Makefile publishes, every project it
/// references, Directory.Build.props, Directory.Packages.props, global.json, the Makefile — must lie inside CodeUri;
/// and the build must work from a copy of CodeUri alone.
/// </summary>
public sealed class ContainerBuildTests
{
    private static readonly string[] BuildFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Everything_the_managed_build_reads_is_inside_CodeUri(bool organization)
    {
        foreach (var (logical, function) in ManagedFunctions(organization))
        {
            Assert.Equal("makefile", function["_BuildMethod"]!.GetValue<string>());
            var codeUri = Path.GetFullPath(Path.Combine(Processes.Root, function["_CodeUri"]!.GetValue<string>()));
            Assert.True(File.Exists(Path.Combine(codeUri, "Makefile")), $"{logical}: no Makefile in {codeUri}");

            var project = PublishedProject(logical, codeUri);
            foreach (var file in Closure(project))
            {
                Assert.True(Inside(file, codeUri), $"{logical}: the build reads {file}, outside CodeUri {codeUri}");
                foreach (var name in BuildFiles)
                {
                    var found = Nearest(Path.GetDirectoryName(file)!, name);
                    Assert.True(found is not null && Inside(found, codeUri), $"{logical}: {name} for {file} is not inside CodeUri {codeUri}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void The_project_the_Makefile_publishes_is_the_one_the_handlers_name(bool organization)
    {
        foreach (var (logical, function) in ManagedFunctions(organization))
        {
            var codeUri = Path.Combine(Processes.Root, function["_CodeUri"]!.GetValue<string>());
            var assembly = XDocument.Load(PublishedProject(logical, codeUri)).Descendants("AssemblyName").Single().Value;
            Assert.Equal(function["Properties"]!["Handler"]!.GetValue<string>().Split("::")[0], assembly);
        }
    }

    [CiOnlyFact]
    public void The_managed_build_works_from_a_copy_of_CodeUri_alone()
    {
        var (logical, function) = ManagedFunctions(organization: false).First();
        var codeUri = Path.GetFullPath(Path.Combine(Processes.Root, function["_CodeUri"]!.GetValue<string>()));
        var work = Directory.CreateTempSubdirectory("guardrail-container-");
        try
        {
            // What the container gets: CodeUri's files as checked out (tracked and new, not ignored: no bin/ or obj/).
            var copy = Path.Combine(work.FullName, "code");
            var (listed, files, listError) = Processes.Run("git", ["ls-files", "-co", "--exclude-standard"], codeUri);
            Assert.True(listed == 0, listError);
            foreach (var file in files.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(codeUri, f))))
            {
                var target = Path.Combine(copy, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(codeUri, file), target);
            }

            var artifacts = Path.Combine(work.FullName, "artifacts");
            var (exit, output, error) = Processes.Run("make", [$"build-{logical}", $"ARTIFACTS_DIR={artifacts}", "GUARDRAIL_RID=linux-x64"], copy);

            Assert.True(exit == 0, output + error);
            foreach (var assembly in new[] { "Guardrail.Functions.dll", "Guardrail.Core.dll", "Guardrail.Aws.dll" })
            {
                Assert.True(File.Exists(Path.Combine(artifacts, assembly)), $"{assembly} not in the artifacts");
            }

            Assert.True(File.Exists(Path.Combine(artifacts, "Guardrail.Functions.runtimeconfig.json")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<(string Logical, JsonObject Resource)> ManagedFunctions(bool organization)
    {
        var parameters = organization ? Organization.OrgSetup.CentralParameters() : new(TemplateTool.DefaultParameters);
        parameters["FunctionRuntime"] = "managed";
        return [.. TemplateTool.OfType(TemplateTool.Resources(parameters: parameters), "AWS::Lambda::Function")];
    }

    /// <summary>The project <c>make build-LOGICAL</c> publishes, from the command make would run (make -n).</summary>
    private static string PublishedProject(string logical, string codeUri)
    {
        var (exit, output, error) = Processes.Run("make", ["-n", $"build-{logical}", "ARTIFACTS_DIR=/artifacts"], codeUri);
        Assert.True(exit == 0, $"{logical}: {error}");
        var words = output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToList();
        var publish = words.IndexOf("publish");
        Assert.True(publish > 0 && words[publish - 1] == "dotnet", $"{logical}: make runs {output}");
        return Path.GetFullPath(Path.Combine(codeUri, words[publish + 1]));
    }

    /// <summary>The project and every project it references, transitively.</summary>
    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            Assert.True(File.Exists(next), $"{next} does not exist");
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value)));
            }
        }

        return seen;
    }

    private static string? Nearest(string directory, string name)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, name);
            if (File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }

    private static bool Inside(string file, string directory) =>
        Path.GetFullPath(file).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
