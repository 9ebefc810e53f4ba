namespace Guardrail.Core.Policies;

/// <summary>
/// A parsed IAM policy document (bucket policy, trust policy or identity policy).
/// Keeps the text it was parsed from so that alerts and rollbacks can show and restore it verbatim.
/// </summary>
public sealed record PolicyDocument(string? Version, string? Id, IReadOnlyList<Statement> Statements, string OriginalText)
{
    /// <summary>The current policy language version; the only one in which policy variables are substituted.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>Policy variables are only substituted under <c>2012-10-17</c>; otherwise <c>${...}</c> is literal text.</summary>
    public bool SubstitutesVariables => Version == CurrentVersion;
}
