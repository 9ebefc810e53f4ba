using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Guardrail.Cli.Tests;

/// <summary>The tool package (dotnet pack of the CLI, from the build these tests just made) carries its metadata, README and LICENSE.</summary>
public sealed class PackageMetadataTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_tool_package_names_its_license_authors_readme_and_tags()
    {
        var output = Directory.CreateTempSubdirectory("guardrail-pack-");
        try
        {
            var start = new ProcessStartInfo("dotnet", ["pack", Testing.RepoRoot.Of("src", "Guardrail.Cli"), "--no-build", "-c", Configuration, "-o", output.FullName, "-nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (var pack = Process.Start(start)!)
            {
                var log = pack.StandardOutput.ReadToEndAsync();
                var errors = await pack.StandardError.ReadToEndAsync();
                await pack.WaitForExitAsync();
                Assert.True(pack.ExitCode == 0, await log + errors);
            }

            var package = Assert.Single(output.GetFiles("*.nupkg"));
            using var zip = ZipFile.OpenRead(package.FullName);
            var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

            Assert.Equal("Spectrum Guardrail contributors", Field("authors"));
            Assert.Equal("Apache-2.0", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains("Redshift Spectrum", Field("description"), StringComparison.Ordinal);
            Assert.Contains("redshift", Field("tags").Split(' '));
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
