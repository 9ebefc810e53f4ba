namespace Guardrail.Cli;

/// <summary>Standard input can be read once: at most one option may name it (<c>-</c>).</summary>
internal static class Stdin
{
    public static void AtMostOne(params (string Option, string? Value)[] options)
    {
        var reading = options.Where(o => o.Value == "-").Select(o => o.Option).ToList();
        if (reading.Count > 1)
        {
            throw new UsageException($"{string.Join(" and ", reading)} cannot all read standard input: give files for all but one");
        }
    }
}
