using System.Text.Json.Nodes;
using Guardrail.Changes.Terraform;

namespace Guardrail.Changes.Tests.Terraform;

/// <summary>One runner for the corpus: each plan read gives exactly the changes (or the error) its expected.json lists.</summary>
public sealed class TerraformCaseTests
{
    public static TheoryData<string> Cases => [.. TerraformCases.Names];

    [Fact]
    public void The_corpus_has_at_least_twenty_cases_each_citing_its_sources()
    {
        Assert.True(TerraformCases.Names.Count() >= 20);
        foreach (var name in TerraformCases.Names)
        {
            var sources = TerraformCases.Expected(name)["source"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            Assert.Contains(sources, s => s.StartsWith("https://registry.terraform.io/providers/hashicorp/aws/", StringComparison.Ordinal));
            Assert.Contains("https://developer.hashicorp.com/terraform/internals/json-format", sources);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_plan_reads_as_its_expected_changes(string name)
    {
        var expected = TerraformCases.Expected(name);
        var context = Context(name, expected["context"]);
        var input = new TerraformPlanInput();
        if (expected["error"] is { } error)
        {
            var e = Assert.Throws<ChangeInputException>(() => input.Read(TerraformCases.Plan(name), context));
            Assert.StartsWith(error.GetValue<string>(), e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            return;
        }

        var actual = input.Read(TerraformCases.Plan(name), context).Select(ChangeDescription.Of).ToList();
        var wanted = expected["changes"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.True(wanted.Count == actual.Count, $"{name}: expected {wanted.Count} changes, read {actual.Count}:\n{string.Join("\n", actual)}");
        foreach (var (want, got) in wanted.Zip(actual))
        {
            Assert.Equal(want["type"]!.GetValue<string>(), got.Type);
            Assert.Equal(want["subject"]!.GetValue<string>(), got.Subject);
            Assert.Equal(want["proposed"]!.GetValue<string>(), got.Proposed);
            Assert.Equal(want["property"]?.GetValue<string>(), got.Property);
            Assert.Equal(want["address"]!.GetValue<string>(), got.Address);
            Assert.Equal(name + ".plan.json", Path.GetFileName(context.File));
            if (want["value"] is { } value)
            {
                Assert.Equal(value.GetValue<string>(), got.Value);
            }

            if (want["line"] is { } line)
            {
                Assert.Equal(line.GetValue<int>(), got.Line);
            }
            else
            {
                Assert.NotNull(got.Line);
            }
        }
    }

    private static ChangeContext Context(string name, JsonNode? context) =>
        ChangeContext.For(name + ".plan.json") with
        {
            Account = context?["account"]?.GetValue<string>(),
            Region = context?["region"]?.GetValue<string>(),
        };
}
