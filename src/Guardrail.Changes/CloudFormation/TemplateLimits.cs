namespace Guardrail.Changes.CloudFormation;

/// <summary>The bounds every template is read within: a hostile template fails with a message, it never exhausts memory or time.</summary>
internal static class TemplateLimits
{
    /// <summary>Most characters of a template read (CloudFormation takes 1 MB from S3; the CLI hands at most 1 MiB).</summary>
    public const int MaxChars = 5 * 1024 * 1024;

    /// <summary>Deepest nesting of maps and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values (scalars, maps, lists) in one template.</summary>
    public const int MaxNodes = 500_000;

    /// <summary>Most resources (CloudFormation's own quota).</summary>
    public const int MaxResources = 500;

    /// <summary>Longest <c>Fn::Sub</c> template string, and longest string any function makes.</summary>
    public const int MaxStringLength = 256 * 1024;

    /// <summary>Longest policy document made from a template (the services take at most 32 KB; this only bounds memory).</summary>
    public const int MaxPolicyChars = 1024 * 1024;

    /// <summary>Most items a function (<c>Fn::Split</c>, a list parameter) makes.</summary>
    public const int MaxListItems = 10_000;

    /// <summary>Most resolution steps for the whole template (references into references).</summary>
    public const int MaxResolveSteps = 2_000_000;

    /// <summary>Deepest chain of references (a Ref to a resource whose name is a Sub of another Ref...).</summary>
    public const int MaxReferenceDepth = 32;
}
