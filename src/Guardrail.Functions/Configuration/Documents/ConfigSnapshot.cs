namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// What <see cref="ConfigDocumentCache.GetAsync"/> gives an invocation: the document to follow, and a problem to
/// alert on when a newly read version is bad.
/// </summary>
/// <param name="Document">The last good document; null only when none was ever read (a cold start with a bad document): judge nothing and fail the invocation.</param>
/// <param name="NewProblem">A bad version read on this call and not alerted on before; null otherwise. Alert once (critical).</param>
public sealed record ConfigSnapshot(ConfigDocument? Document, ConfigDocumentProblem? NewProblem);

/// <summary>A version of the document that cannot be followed.</summary>
/// <param name="Location">Where it is (<c>s3://bucket/key</c>).</param>
/// <param name="Version">The version: <c>sha256:</c> and the first 16 hex digits of its text's hash, or <c>unreadable</c> (any failed read, whatever the failure).</param>
/// <param name="Problems">Why: the reader's lines (each naming the element by its JSON path), or the read failure.</param>
/// <param name="KeptLastGood">Whether the last good document is still followed (false at a cold start: nothing is judged).</param>
public sealed record ConfigDocumentProblem(string Location, string Version, IReadOnlyList<string> Problems, bool KeptLastGood);
