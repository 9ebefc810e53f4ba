using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Paths.Hops;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths;

/// <summary>
/// The path's rules applied to one fully known request of the reading role's session instead of a family: an S3
/// read, a Glue catalog read, or S3's <c>kms:Decrypt</c> on the role's behalf. Each request becomes a shape with no
/// ranges and is judged by the very sets the identity, bucket, catalog and key hops judge (the role's policies with
/// the same-account resource grant, the resource policy, the key routes, the boundary, each SCP and RCP level), so
/// another evaluator's answer on concrete requests checks the path's own code. The key's state and AWS managed keys
/// are facts, not policies: they are the key hop's alone and are not part of this decision.
/// </summary>
public static class PathRequests
{
    /// <summary>Every request shape the reading role's session makes on <paramref name="snapshot"/>'s path, from <paramref name="now"/> on.</summary>
    public static IReadOnlyList<RequestShape> Shapes(PathSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new PathJudging(snapshot, now, new WorkBudget(PathEvaluator.DefaultBudgetUnits)).AllReaderShapes();
    }

    /// <summary>
    /// Decides <paramref name="request"/> (every context key known or absent, a concrete resource, the role's
    /// session as principal) on <paramref name="snapshot"/>'s path. Controls whose documents the snapshot lacks are
    /// listed in <see cref="PathRequestDecision.NotJudged"/> and not counted, as the hops leave them unchecked.
    /// </summary>
    /// <exception cref="ArgumentException">The request is not one the path's reader makes (another service or resource).</exception>
    public static PathRequestDecision Decide(PathSnapshot snapshot, AccessRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var path = new PathJudging(snapshot, now, new WorkBudget(PathEvaluator.DefaultBudgetUnits));
        var shape = new RequestShape(request.Action, request.Context, new FixedResource(request.Resource), [], _ => request.Description);
        var decision = new Builder(path, shape, request.Principal);
        if (path.Identity is { } identity)
        {
            decision.Denies("the role's policies", identity);
        }
        else
        {
            decision.Missing($"the policies of {path.Reader.Arn}");
        }

        var arn = (request.Resource as ConcreteResource)?.Arn ?? throw new ArgumentException("the request's resource must be concrete", nameof(request));
        var service = request.Action.Split(':')[0];
        switch (service)
        {
            case "s3":
                Bucket(decision, path, arn);
                break;
            case "glue":
                Catalog(decision, path, arn);
                break;
            case "kms":
                Key(decision, path, arn);
                break;
            case "lakeformation":
                // No resource policy: the role's policies, boundary and SCPs decide it.
                break;
            default:
                throw new ArgumentException($"{request.Action} is not a request of the path's reader", nameof(request));
        }

        Boundary(decision, path);
        if (!path.ReaderIsServiceLinked)
        {
            decision.Levels(OrganizationLevels.For(snapshot.Organization, path.Reader.AccountId, resource: false));
        }

        return decision.Build();
    }

    private static void Bucket(Builder decision, PathJudging path, string arn)
    {
        var name = arn.Split(":::", 2)[^1].Split('/')[0];
        var bucket = path.Buckets.FirstOrDefault(b => b.Name == name) ?? throw new ArgumentException($"bucket {name} is not on the path");
        if (bucket.Account is not { } account || bucket.Facts?.Policy is not { } policy)
        {
            decision.Missing($"the account or the policy of bucket {name}");
            return;
        }

        Resource(decision, path, account, policy, $"bucket policy of {name}");
        decision.Levels(OrganizationLevels.For(path.Snapshot.Organization, account, resource: true));
    }

    // Glue is not among the services RCPs apply to: the catalog hop applies none.
    private static void Catalog(Builder decision, PathJudging path, string arn)
    {
        var account = arn.Split(':')[4];
        if (path.Snapshot.Catalogs.GetValueOrDefault(account)?.ResourcePolicy is not { } policy)
        {
            decision.Missing($"the Glue resource policy of account {account}");
            return;
        }

        Resource(decision, path, account, policy, $"Glue resource policy of account {account}");
    }

    // As the identity hop's grant and the bucket and catalog hops: the resource policy's denies apply in every
    // account; across accounts it must grant too, and the role's policies alone; in the same account, either does.
    private static void Resource(Builder decision, PathJudging path, string account, Given<Policies.PolicyDocument> policy, string name)
    {
        if (path.Identity is { } identity)
        {
            decision.Grant("the role's grant", path.GrantSet(identity, account, policy, name));
        }

        var set = PolicySet.Of(new NamedPolicy(name, policy.Value ?? EmptyPolicy.Instance));
        if (account == path.Reader.AccountId)
        {
            decision.Denies(name, set);
        }
        else
        {
            decision.Both(name, set);
        }
    }

    private static void Key(Builder decision, PathJudging path, string keyResource)
    {
        var bucket = path.Buckets.FirstOrDefault(b => b.Facts?.Encryption?.KmsKeyArn == keyResource) ?? throw new ArgumentException($"no bucket of the path is encrypted with {keyResource}");
        var facts = path.Snapshot.Keys.GetValueOrDefault(keyResource);
        if (KmsArn.Parse(keyResource) is not { } arn || facts?.Policy is not { } policy)
        {
            decision.Missing($"the key policy of {keyResource}");
            return;
        }

        var reader = path.Reader;
        var grants = facts.Grants is { } list
            ? KeyGrants.Decide(list, reader, $"arn:{reader.Partition}:s3:::{bucket.Name}", bucket.Facts!.Encryption!.BucketKeyEnabled)
            : Tri.Unknown;
        var route = KeyPolicySets.Of(keyResource, policy, reader).Decide(decision.Shape, decision.Judge, path.Identity, grants, arn.Account != reader.AccountId);
        decision.Add(new PathRequestCheck("the key policy", route.Policy.NoDeny, Tri.True));
        decision.Add(new PathRequestCheck("a route to decrypt (key policy, role's policies, grants)", Tri.True, route.Total));
        if (!facts.AwsManaged)
        {
            // As the key hop: RCPs do not apply to AWS managed keys.
            decision.Levels(OrganizationLevels.For(path.Snapshot.Organization, arn.Account, resource: true));
        }
    }

    private static void Boundary(Builder decision, PathJudging path)
    {
        switch (path.ReaderFacts?.PermissionsBoundary)
        {
            case null:
                decision.Missing($"whether {path.Reader.Arn} has a permissions boundary");
                break;
            case { Value: { } document }:
                var boundary = decision.Judge(PolicySet.Of(new NamedPolicy($"permissions boundary of {path.Reader.Arn}", document)));
                var grant = boundary.Grant;
                if (grant != Tri.True && BypassOf(path, decision.Shape) is { } allows)
                {
                    // As the identity hop: a same-account grant to everyone or to the session may not be capped.
                    var bypass = decision.Judge(allows).Grant;
                    grant = TriOr.Of((grant, false), (bypass == Tri.True ? Tri.Unknown : bypass, false));
                }

                decision.Add(new PathRequestCheck("the permissions boundary", boundary.NoDeny, grant));
                break;
        }
    }

    /// <summary>The resource policy's allows that may reach the session past the boundary, for the resource of <paramref name="shape"/>.</summary>
    private static PolicySet? BypassOf(PathJudging path, RequestShape shape)
    {
        var arn = (shape.Resource as FixedResource)?.Value is ConcreteResource concrete ? concrete.Arn : null;
        return path.BoundaryBypasses().FirstOrDefault(b => b.Shapes.Any(s => s.Action == shape.Action && s.Resource switch
        {
            FixedResource { Value: ConcreteResource fixedArn } => fixedArn.Arn == arn,
            ObjectFamily family => arn is not null && arn.StartsWith(family.FamilyPrefix, StringComparison.Ordinal),
            _ => false,
        })).Allows is { Statements.Count: > 0 } found ? found : null;
    }

    /// <summary>Gathers the checks of one request.</summary>
    private sealed class Builder(PathJudging path, RequestShape shape, RequestPrincipal principal)
    {
        private readonly List<PathRequestCheck> checks = [];
        private readonly List<string> missing = [];

        public RequestShape Shape => shape;

        public SetJudgement Judge(PolicySet set) => SetJudgement.Decide(set, principal, shape, path.Budget);

        public void Add(PathRequestCheck check) => checks.Add(check);

        public void Denies(string control, PolicySet set) => checks.Add(new PathRequestCheck(control, Judge(set).NoDeny, Tri.True));

        public void Grant(string control, PolicySet set) => checks.Add(new PathRequestCheck(control, Tri.True, Judge(set).Grant));

        public void Both(string control, PolicySet set)
        {
            var judgement = Judge(set);
            checks.Add(new PathRequestCheck(control, judgement.NoDeny, judgement.Grant));
        }

        public void Missing(string what) => missing.Add(what);

        public void Levels(OrganizationLevels levels)
        {
            switch (levels)
            {
                case OrganizationLevels.Missing gap:
                    missing.Add(gap.What);
                    break;
                case OrganizationLevels.Levels found:
                    foreach (var level in found.Sets)
                    {
                        Both(level.Name, level);
                    }

                    break;
            }
        }

        public PathRequestDecision Build() => new([.. checks], [.. missing]);
    }
}

/// <summary>One control's answer for one request: whether no deny of it applies, and whether it grants.</summary>
/// <param name="Control">The control (document or set) in words.</param>
/// <param name="NoDeny">True: none of its denies applies; False: one does.</param>
/// <param name="Grant">True: it grants (or need not); False: it does not.</param>
public sealed record PathRequestCheck(string Control, Tri NoDeny, Tri Grant);

/// <summary>The path's decision for one concrete request.</summary>
/// <param name="Checks">Every control judged, in the order the path meets them.</param>
/// <param name="NotJudged">What the snapshot lacked, so was not judged (as the hops' unchecked parts).</param>
public sealed record PathRequestDecision(IReadOnlyList<PathRequestCheck> Checks, IReadOnlyList<string> NotJudged)
{
    /// <summary>Whether no explicit deny applies.</summary>
    public Tri NoDeny => Checks.Aggregate(Tri.True, (all, c) => all.And(c.NoDeny));

    /// <summary>Whether every control that must grant does.</summary>
    public Tri Granted => Checks.Aggregate(Tri.True, (all, c) => all.And(c.Grant));

    /// <summary>Whether the request is allowed: no deny applies and every needed grant is there.</summary>
    public Tri Allowed => NoDeny.And(Granted);
}
