namespace Guardrail.Core.Parsing;

/// <summary>Which kind of policy a document is; each kind has its own required and forbidden elements.</summary>
public enum PolicyKind
{
    /// <summary>A resource-based policy such as an S3 bucket policy: needs Principal and Resource.</summary>
    Bucket,

    /// <summary>A role trust policy: needs Principal; IAM forbids Resource.</summary>
    Trust,

    /// <summary>An identity policy attached to a user, group or role: needs Resource; no Principal.</summary>
    Identity,
}
