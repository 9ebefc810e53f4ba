using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Paths;

/// <summary>What an access-path event touched, as far as the event itself says.</summary>
public abstract record PathTouch
{
    private PathTouch()
    {
    }

    /// <summary>A role (its inline policies, attachments, boundary, or the role itself), in the account the event is from.</summary>
    public sealed record Role(string Name, string Account) : PathTouch;

    /// <summary>A managed policy, attached to roles as a policy or as a boundary.</summary>
    public sealed record ManagedPolicy(string Arn) : PathTouch;

    /// <summary>A KMS key, by the id, ARN or alias the call named (null: not named in the event).</summary>
    public sealed record Key(string? Id) : PathTouch;

    /// <summary>A bucket's settings.</summary>
    public sealed record Bucket(string Name) : PathTouch;

    /// <summary>A provisioned cluster or a Serverless namespace (their names are separate: one of each may share a name).</summary>
    public sealed record Cluster(ClusterKind Kind, string Name) : PathTouch;

    /// <summary>The Glue Data Catalog of an account.</summary>
    public sealed record Catalog(string Account) : PathTouch;

    /// <summary>Organization policies: every path may be capped by them.</summary>
    public sealed record Organization : PathTouch;

    /// <summary>
    /// The Lake Formation permissions, registrations, settings, LF-tags or opt-ins of the catalog of an account, and
    /// the principal a grant, revoke or opt-in names (null: none named, or not a principal of one role).
    /// </summary>
    /// <param name="Account">The catalog's account.</param>
    /// <param name="Principal">The principal a grant, revoke or opt-in names.</param>
    /// <param name="LocationBucket">The bucket of the location a registration call names (null: none named).</param>
    public sealed record LakeFormation(string Account, string? Principal, string? LocationBucket = null) : PathTouch;

    /// <summary>A VPC endpoint (its policy, route tables, or the endpoint itself); a null id: not named in the event.</summary>
    public sealed record VpcEndpoint(string? Id) : PathTouch;

    /// <summary>A Serverless workgroup (its enhanced VPC routing, subnets, security groups).</summary>
    public sealed record Workgroup(string Name) : PathTouch;

    /// <summary>An S3 access point (its policy, or the access point itself), in the account that owns it; a null name: not named in the event.</summary>
    public sealed record AccessPoint(string Account, string? Name) : PathTouch;
}
