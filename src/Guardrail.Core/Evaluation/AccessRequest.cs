namespace Guardrail.Core.Evaluation;

/// <summary>One request (or one request shape whose unknown parts are marked as such) to evaluate against a policy.</summary>
/// <param name="Action">The API action, e.g. <c>s3:GetObject</c>.</param>
/// <param name="Resource">The resource it targets.</param>
/// <param name="Principal">Who makes it.</param>
/// <param name="Context">The request context keys.</param>
/// <param name="Description">How findings describe it to people.</param>
public sealed record AccessRequest(
    string Action,
    ResourceValue Resource,
    RequestPrincipal Principal,
    RequestContext Context,
    string Description);

/// <summary>The resource a request targets.</summary>
public abstract record ResourceValue
{
    private protected ResourceValue()
    {
    }
}

/// <summary>A known resource ARN.</summary>
public sealed record ConcreteResource(string Arn) : ResourceValue;

/// <summary>Some resource whose ARN matches <paramref name="ArnFamily"/> (<c>*</c> wildcards), but which one is unknown.</summary>
public sealed record UnknownResource(string ArnFamily, string Why) : ResourceValue;

/// <summary>Who makes a request.</summary>
public abstract record RequestPrincipal
{
    private protected RequestPrincipal()
    {
    }
}

/// <summary>A session of an IAM role (as Spectrum's requests are); <paramref name="SessionName"/> is null when unknown (Redshift chooses it).</summary>
public sealed record RoleSessionPrincipal(RoleArn Role, string? SessionName = null) : RequestPrincipal
{
    /// <summary>The session's ARN, when the session name is known.</summary>
    public string? SessionArn => SessionName is null ? null : Role.SessionArnPrefix + SessionName;
}

/// <summary>An AWS service principal, known under any of <paramref name="Names"/> (global and Region-scoped forms).</summary>
public sealed record ServicePrincipal(IReadOnlyList<string> Names) : RequestPrincipal;
