using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Where in a policy document an element is, e.g. <c>Statement[2].Condition.StringEquals.aws:SourceVpce</c>, kept as
/// its parts and only turned into text when an error names it: building a path string for every statement and
/// condition key of a valid policy would cost more than parsing it. Names that come from the document are escaped
/// and cut (<see cref="SafeText.Echo"/>) when the text is built.
/// </summary>
internal readonly struct ElementPath
{
    private const int NoIndex = -1;

    private readonly int statement;
    private readonly string? first;
    private readonly string? second;
    private readonly string? third;
    private readonly string? fourth;
    private readonly int index;

    private ElementPath(int statement, string? first, string? second, string? third, string? fourth, int index)
    {
        this.statement = statement;
        this.first = first;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
        this.index = index;
    }

    /// <summary>The document itself (an empty path).</summary>
    public static ElementPath Document => new(NoIndex, null, null, null, null, NoIndex);

    /// <summary>The statement at <paramref name="position"/> of the Statement array: <c>Statement[position]</c>.</summary>
    public static ElementPath StatementAt(int position) => new(position, null, null, null, null, NoIndex);

    /// <summary>The element <paramref name="name"/> inside this one.</summary>
    public ElementPath Child(string name) =>
        first is null ? new(statement, name, null, null, null, NoIndex)
        : second is null ? new(statement, first, name, null, null, NoIndex)
        : third is null ? new(statement, first, second, name, null, NoIndex)
        : fourth is null ? new(statement, first, second, third, name, NoIndex)
        : throw new InvalidOperationException("policy paths are at most four names deep");

    /// <summary>The item at <paramref name="position"/> of this array element.</summary>
    public ElementPath Item(int position) => new(statement, first, second, third, fourth, position);

    public override string ToString()
    {
        var text = new StringBuilder();
        if (statement != NoIndex)
        {
            text.Append(CultureInfo.InvariantCulture, $"Statement[{statement}]");
        }

        foreach (var name in (ReadOnlySpan<string?>)[first, second, third, fourth])
        {
            if (name is not null)
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(SafeText.Echo(name));
            }
        }

        if (index != NoIndex)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{index}]");
        }

        return text.ToString();
    }
}
