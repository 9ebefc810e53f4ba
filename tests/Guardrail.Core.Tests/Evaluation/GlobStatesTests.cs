using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Tests.Evaluation;

/// <summary>
/// The live positions <see cref="GlobStates"/> keeps are <see cref="Glob"/>'s own: a text matches exactly when the
/// end is live after it, a prefix has some match exactly when something is live, and a fixed state set is one no
/// continuation changes.
/// </summary>
public sealed class GlobStatesTests
{
    private static readonly string[] Patterns = ["", "*", "a", "a*", "*a", "a*b", "a?b", "**", "*a*", "a**b", "?", "?*?", "ab*", "A*", "*/x/*", "sales/*/in/*"];
    private static readonly string[] Texts = ["", "a", "b", "ab", "aab", "axb", "A", "aB", "ba", "abc", "sales/1/in/x", "sales/1/out/x", "/x/", "q/x/y"];

    [Fact]
    public void Matches_as_glob_does_for_every_pattern_and_text()
    {
        foreach (var pattern in Patterns)
        {
            foreach (var text in Texts)
            {
                foreach (var ignoreCase in new[] { false, true })
                {
                    var states = new GlobStates(pattern, ignoreCase);
                    var alive = states.Read(text);
                    Assert.True(new Glob(pattern).IsMatch(text, ignoreCase) == states.Live.Contains(pattern.Length), $"{pattern} / {text} / {ignoreCase}");
                    Assert.True(new Glob(pattern).MatchesSomeWithPrefix(text, ignoreCase) == alive, $"{pattern} / {text} / {ignoreCase}");
                }
            }
        }
    }

    [Fact]
    public void A_fixed_state_set_stays_the_same_whatever_is_read()
    {
        var fixedSeen = 0;
        foreach (var pattern in Patterns)
        {
            foreach (var text in Texts)
            {
                var states = new GlobStates(pattern, ignoreCase: false);
                if (!states.Read(text) || !states.Fixed)
                {
                    continue;
                }

                fixedSeen++;
                foreach (var more in Texts)
                {
                    var after = states.Copy();
                    after.Read(more);
                    Assert.True(after.Live.SequenceEqual(states.Live), $"{pattern} after {text}, then {more}");
                }
            }
        }

        Assert.True(fixedSeen > 5);
        var literalLeft = new GlobStates("a*b", ignoreCase: false);
        literalLeft.Read("a");
        Assert.False(literalLeft.Fixed);
    }
}
