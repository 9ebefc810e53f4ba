using System.CommandLine;
using System.CommandLine.Parsing;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// The lines <c>guardrail</c> prints for a command line it cannot parse, one complete line per error. A word it does
/// not know (a mistyped command, subcommand or option) is the one error reported, since the others follow from it,
/// with the nearest name at that level (<see cref="EditDistance.Nearest"/>): <c>guardrail: unknown command 'chek';
/// did you mean 'check'?</c>.
/// </summary>
internal static class ParseErrorLines
{
    public static IReadOnlyList<string> For(ParseResult result)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            return [Unknown(result.UnmatchedTokens[0], result.CommandResult)];
        }

        // One line per error, each complete: the usage hint rides on the last one.
        return [.. result.Errors.Select((error, i) =>
            $"guardrail: {Sentence(error.Message)}{(i == result.Errors.Count - 1 ? " Run 'guardrail --help' for usage." : string.Empty)}")];
    }

    /// <summary>The parser's message on one line, ending as a sentence (a list it ends with has no full stop).</summary>
    private static string Sentence(string message)
    {
        var line = LineFolding.Fold(message);
        return line.EndsWith('.') ? line : line + ".";
    }

    private static string Unknown(string token, CommandResult at)
    {
        var command = at.Command;
        var quoted = $"'{SafeText.Echo(token)}'";
        var usage = $" Run '{CommandPath(at)} --help' for usage.";
        if (token.StartsWith('-'))
        {
            var name = token.Split('=', ':')[0];
            var nearest = EditDistance.Nearest(name, OptionNames(at));
            return nearest is null
                ? $"guardrail: unknown option {quoted}.{usage}"
                : $"guardrail: unknown option '{SafeText.Echo(name)}'; did you mean '{nearest}'?";
        }

        if (!command.Subcommands.Any(c => !c.Hidden))
        {
            return $"guardrail: unexpected argument {quoted}.{usage}";
        }

        var suggestion = EditDistance.Nearest(token, command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)));
        return suggestion is null
            ? $"guardrail: unknown command {quoted}.{usage}"
            : $"guardrail: unknown command {quoted}; did you mean '{suggestion}'?";
    }

    /// <summary>The options valid where the token was: the command's own and the recursive ones of its ancestors.</summary>
    private static IEnumerable<string> OptionNames(CommandResult at)
    {
        var options = at.Command.Options.AsEnumerable();
        for (var parent = at.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    private static string CommandPath(CommandResult at)
    {
        var names = new List<string>();
        for (CommandResult? result = at; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Parent is null ? "guardrail" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
