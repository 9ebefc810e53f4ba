using System.Diagnostics;
using CsCheck;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>
/// The reader is total (any text gives a result, never an exception, in bounded time) and the writer's canonical
/// JSON reads back as the same document.
/// </summary>
public sealed class ConfigPropertyTests
{
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(5);

    [Fact]
    public void Any_text_gives_a_result_quickly()
    {
        Gen.OneOf(ConfigGenerators.SyntaxSoup, Gen.String, ConfigGenerators.Mutants).Sample(ReadsWithinBounds, iter: 3_000, threads: 1);
    }

    [Fact]
    public void Random_documents_written_as_yaml_or_json_give_a_result()
    {
        // A valid document, its canonical JSON mutated: the reader refuses or accepts, each problem one line.
        ConfigGenerators.Documents.Select(ConfigDocumentWriter.Write).SelectMany(text => Gen.Int[0, text.Length - 1].Select(i => text.Remove(i, 1)))
            .Sample(ReadsWithinBounds, iter: 1_000, threads: 1);
    }

    [Fact]
    public void The_canonical_json_reads_back_as_the_same_document()
    {
        ConfigGenerators.Documents.Sample(document =>
        {
            var text = ConfigDocumentWriter.Write(document);
            var result = ConfigDocumentReader.Read(text);
            Assert.True(result.IsValid, string.Join("\n", result.Problems) + "\n" + text);
            Assert.Equal(text, ConfigDocumentWriter.Write(result.Document!));
            Assert.Equal(document.Paths.Select(p => p.Name), result.Document!.Paths.Select(p => p.Name));
            Assert.Equal(document.Defaults.Rollback, result.Document.Defaults.Rollback);
            Assert.Equal(document.Organization, result.Document.Organization);
        }, iter: 500, threads: 1);
    }

    private static void ReadsWithinBounds(string text)
    {
        var clock = Stopwatch.StartNew();
        var result = ConfigDocumentReader.Read(text);
        Assert.True(clock.Elapsed < Slowest, $"reading took {clock.Elapsed}");
        Assert.True(result.IsValid ^ (result.Problems.Count > 0));
        Assert.True(result.Problems.Count <= DocumentLimits.MaxProblems + 1);
        Assert.All(result.Problems, p => Assert.DoesNotContain('\n', p));
        Assert.All(result.Problems, p => Assert.StartsWith("$", p, StringComparison.Ordinal));
    }
}
