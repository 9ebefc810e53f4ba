namespace Guardrail.Core.Paths.Overlay;

/// <summary>Where a proposed change comes from, so a finding can be located in the input that proposes it.</summary>
/// <param name="File">The input file as the user named it (a template, a plan, a hook request).</param>
/// <param name="Resource">The CloudFormation logical id or the Terraform address.</param>
/// <param name="Line">The 1-based line of the resource (or of the property) in <paramref name="File"/>, when known.</param>
public sealed record ChangeSource(string File, string Resource, int? Line);
