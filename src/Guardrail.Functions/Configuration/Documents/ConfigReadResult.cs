namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// What reading a configuration document gave: the document, or the problems that keep it from being one (each one
/// line, <c>$.paths[3].tables[0].bucket: …</c>, values quoted with <see cref="Core.Text.SafeText.Quote"/>).
/// Exactly one of the two: a document comes with no problems, problems with no document.
/// </summary>
public sealed record ConfigReadResult
{
    private ConfigReadResult(ConfigDocument? document, IReadOnlyList<string> problems)
    {
        Document = document;
        Problems = problems;
    }

    /// <summary>The valid document; null when there are problems.</summary>
    public ConfigDocument? Document { get; }

    /// <summary>Every problem found (at most <see cref="DocumentLimits.MaxProblems"/> lines and one that counts the rest); empty when valid.</summary>
    public IReadOnlyList<string> Problems { get; }

    public bool IsValid => Document is not null;

    public static ConfigReadResult Valid(ConfigDocument document) => new(document ?? throw new ArgumentNullException(nameof(document)), []);

    public static ConfigReadResult Invalid(IReadOnlyList<string> problems) =>
        problems is { Count: > 0 } ? new(null, problems) : throw new ArgumentException("an invalid document has at least one problem", nameof(problems));
}
