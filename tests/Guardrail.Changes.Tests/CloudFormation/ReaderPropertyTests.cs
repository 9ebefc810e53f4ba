using CsCheck;
using Guardrail.Changes.CloudFormation;

namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>Whatever text it is given, the reader returns changes or throws <see cref="ChangeInputException"/>: nothing else escapes.</summary>
public sealed class ReaderPropertyTests
{
    private static readonly string[] Seeds = [.. Directory.GetDirectories(CaseFiles.Root)
        .SelectMany(d => new[] { "template.yaml", "template.json" }.Select(f => Path.Combine(d, f)))
        .Where(File.Exists)
        .Select(File.ReadAllText)
        .Where(t => t.Length < 20_000)];

    private static readonly ChangeContext[] Contexts =
    [
        ChangeContext.For("t.yaml"),
        new("t.yaml", "111122223333", "us-east-1", new Dictionary<string, string>(), new Dictionary<string, string> { ["LakeKey"] = "k", ["Spectrum"] = "spectrum" }),
    ];

    private static readonly string[] Fragments = ["!Ref ", "!Sub ", "!GetAtt ", "!If ", "${", "}", "Fn::Join", "[", "]", "{", "}", ":", "\n", "  ", "- ", "&a ", "*a", "'", "\"", "!Condition ", "AWS::NoValue", "Resources", "Type: AWS::IAM::Role", "Statement", "\t", "\\u0000", "#", "? "];

    private static void ReadsOrRefuses(string text, int context)
    {
        try
        {
            new CloudFormationTemplateInput().Read(text, Contexts[context]);
        }
        catch (ChangeInputException)
        {
        }
    }

    [Fact]
    public void Random_text_only_ever_fails_with_ChangeInputException() =>
        Gen.String.Select(Gen.Int[0, 1]).Sample((text, context) => ReadsOrRefuses(text, context), iter: 2_000);

    [Fact]
    public void Mutated_templates_only_ever_fail_with_ChangeInputException()
    {
        var mutation = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 40], Gen.Int[0, Fragments.Length - 1], Gen.Int[0, 3], Gen.Int[0, 1]);

        mutation.Sample((seed, at, length, fragment, kind, context) =>
        {
            var text = Seeds[seed];
            var start = at % (text.Length + 1);
            var cut = Math.Min(length, text.Length - start);
            var piece = Fragments[fragment];
            var mutated = kind switch
            {
                0 => text.Remove(start, cut),
                1 => text.Insert(start, piece),
                2 => text.Remove(start, cut).Insert(start, piece),
                _ => text[..start] + text[start..].Replace(": ", ": " + piece, StringComparison.Ordinal),
            };
            ReadsOrRefuses(mutated, context);
        }, iter: 3_000);
    }
}
