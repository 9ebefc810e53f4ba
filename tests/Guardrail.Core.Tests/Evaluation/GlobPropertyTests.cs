using CsCheck;
using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Tests.Evaluation;

/// <summary>The single-pass glob family checks agree with their definitions in terms of whole-string matching.</summary>
public sealed class GlobPropertyTests
{
    private static readonly Gen<string> Patterns = Gen.String[Gen.Char["ab*?"], 0, 8];
    private static readonly Gen<string> Texts = Gen.String[Gen.Char["ab"], 0, 8];

    [Fact]
    public void Covers_all_with_prefix_means_the_head_matches_some_prefix_of_it()
    {
        Gen.Select(Patterns, Texts).Sample((pattern, prefix) =>
        {
            var glob = new Glob(pattern);
            var byDefinition = pattern.EndsWith('*')
                && Enumerable.Range(0, prefix.Length + 1).Any(n => new Glob(pattern[..^1]).IsMatch(prefix.AsSpan(0, n), ignoreCase: false));

            Assert.Equal(byDefinition, glob.CoversAllWithPrefix(prefix, ignoreCase: false));
        }, iter: 20_000);
    }

    [Fact]
    public void Covers_all_with_prefix_is_sound_on_every_extension()
    {
        Gen.Select(Patterns, Texts, Texts).Sample((pattern, prefix, rest) =>
        {
            var glob = new Glob(pattern);
            if (glob.CoversAllWithPrefix(prefix, ignoreCase: false))
            {
                Assert.True(glob.IsMatch(prefix + rest, ignoreCase: false));
            }

            if (glob.IsMatch(prefix + rest, ignoreCase: false))
            {
                Assert.True(glob.MatchesSomeWithPrefix(prefix, ignoreCase: false));
            }
        }, iter: 20_000);
    }
}
