namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The bounds every configuration document is read within, so that reading costs at most a known amount whatever the
/// input: a larger or deeper document is refused with a problem, never read in part.
/// </summary>
public static class DocumentLimits
{
    /// <summary>The most UTF-8 bytes a document may have (1 MiB), the CLI's input limit too.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most paths one document may list: an organization's worth, and what one drift scan fans out.</summary>
    public const int MaxPaths = 5_000;

    /// <summary>The most tables one path may list.</summary>
    public const int MaxTablesPerPath = 10_000;

    /// <summary>
    /// The deepest nesting of objects and lists read (the schema needs 5: <c>$.paths[0].tables[0].bucket</c>); a
    /// deeper document is refused before it is built, so no recursion runs deeper than this.
    /// </summary>
    public const int MaxDepth = 16;

    /// <summary>The most problems reported for one document; the rest are counted in one last line.</summary>
    public const int MaxProblems = 100;
}
