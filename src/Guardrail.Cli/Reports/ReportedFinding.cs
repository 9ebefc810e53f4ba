using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;

namespace Guardrail.Cli.Reports;

/// <summary>One finding as reported: the finding, where it is, and the exception that accepts it (if any).</summary>
/// <param name="Finding">Rule, severity, kind, statement, message, fix.</param>
/// <param name="Hop">The hop of the access path it is on (<c>identity</c>, <c>bucket</c>…); null outside <c>check path</c>.</param>
/// <param name="Document">The document it is about (a policy ARN, <c>role/NAME inline policy s3</c>…); null when the report is about one document.</param>
/// <param name="Location">Where it is in the input: file, line, resource; null when unknown.</param>
/// <param name="ExceptedBy">The exception that accepts it; null when it is active.</param>
public sealed record ReportedFinding(Finding Finding, string? Hop, string? Document, ReportLocation? Location, FindingException? ExceptedBy = null)
{
    public bool IsExcepted => ExceptedBy is not null;

    /// <summary><c>check change</c>: whether the change brings the finding (the live path does not have it); null for the other checks.</summary>
    public bool? Introduced { get; init; }
}

/// <summary>Where a finding is in the input.</summary>
/// <param name="File">The input file, relative as given on the command line.</param>
/// <param name="Line">The 1-based line of the statement, when known.</param>
/// <param name="Resource">A CloudFormation logical id or a Terraform address, when the input is a template.</param>
public sealed record ReportLocation(string File, int? Line, string? Resource);
