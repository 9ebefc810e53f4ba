using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// Lake Formation, for each table it governs for the reading role (<see cref="LakeFormationRoutes"/>): the role
/// needs <c>SELECT</c> on the table (<see cref="LfSelectGrant"/>) and <c>lakeformation:GetDataAccess</c> (judged on
/// the identity hop with the role's other requests); Lake Formation reads the objects with credentials vended from the registration
/// role, which must trust <c>lakeformation.amazonaws.com</c> (DG "Requirements for roles used to register
/// locations") and pass the data hops itself (judged on those hops, for it; a break there is said here too). Tables
/// whose route the snapshot cannot decide are unchecked here and judged with the role's own access on the data hops.
/// </summary>
internal sealed class LakeFormationHop : IHop
{
    private const string LakeFormationService = "lakeformation.amazonaws.com";

    public HopKind Kind => HopKind.LakeFormation;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        var governed = new List<TableRoute.ByLakeFormation>();
        foreach (var route in path.Routes.OfType<TableRoute.ByLakeFormation>())
        {
            governed.Add(route);
            Select(hop, path, route);
        }

        // One input missing leaves many tables undecided: said once, naming the first and counting the others.
        foreach (var unknown in path.Routes.OfType<TableRoute.NotKnown>().GroupBy(r => r.What, StringComparer.Ordinal))
        {
            var first = unknown.First();
            var others = unknown.Count() - 1;
            hop.Unchecked($"Lake Formation for {first.Where}{(others > 0 ? $" and {others} other table location{(others == 1 ? string.Empty : "s")}" : string.Empty)}", unknown.Key);
        }

        Deregistered(hop, path);
        if (governed.Count == 0)
        {
            return hop.Build(path);
        }

        if (path.Snapshot.Spectrum.RoleChain.Count > 1)
        {
            hop.Judged(Tri.Unknown);
            hop.Add("role chain", RuleIds.LfRoleChained, Tri.Unknown, "(role chain)", $"Lake Formation governs {Tables(governed)}, and the path chains {path.Snapshot.Spectrum.RoleChain.Count} roles: AWS documents Spectrum's Lake Formation integration for a role attached to the cluster, not for a chain.");
        }

        if (path.Snapshot.Spectrum.Region is null)
        {
            hop.Unchecked($"the policies of {path.Reader.Arn}", "the Region of the cluster (spectrum.region), in which the role calls lakeformation:GetDataAccess");
        }

        foreach (var group in governed.GroupBy(g => g.Location.RoleArn, StringComparer.Ordinal))
        {
            RegistrationRole(hop, path, group.Key, [.. group]);
        }

        return hop.Build(path);
    }

    private static void Select(HopBuilder hop, PathJudging path, TableRoute.ByLakeFormation route)
    {
        var grant = LfSelectGrant.Decide(path.Snapshot, route, path.Reader);
        var document = $"Lake Formation permissions of account {route.Account}";
        if (grant.InputMissing)
        {
            hop.Unchecked(document, grant.Message);
            return;
        }

        hop.Judged(grant.Granted);
        if (grant.Granted != Tri.True)
        {
            hop.Add(document, grant.Rule, grant.Granted, $"(table {route.Table.Database}.{route.Table.Table})", grant.Message + ".");
        }
    }

    private static void RegistrationRole(HopBuilder hop, PathJudging path, string roleArn, IReadOnlyList<TableRoute.ByLakeFormation> tables)
    {
        var document = $"registration role {roleArn}";
        var role = RoleArn.Parse(roleArn);
        if (!role.Arn.Contains($":role/aws-service-role/{LakeFormationService}/", StringComparison.Ordinal))
        {
            // A service-linked role's trust policy is AWS's and cannot be changed; any other role's is judged.
            if (path.Snapshot.Roles.GetValueOrDefault(roleArn)?.TrustPolicy is not { } trust)
            {
                hop.Unchecked(document, $"the trust policy of the registration role {roleArn} (guardrail snapshot reads it as a role of the path)");
            }
            else
            {
                var set = PolicySet.Of(new NamedPolicy($"trust policy of {roleArn}", trust));
                var shape = SpectrumShapes.ForAssumeRole(new TrustCheckOptions([role], path.Now), "Lake Formation");
                hop.Add(path.Decide(set, shape, new ServicePrincipal([LakeFormationService])), SetPart.Both, HopRules.Always(RuleIds.LfRegistrationRoleTrust), w => (RuleIds.LfRegistrationRoleTrust, $"The trust policy of {roleArn} does not let {LakeFormationService} assume it ({w.Description}): Lake Formation vends no credentials for {Tables(tables)}."));
            }
        }

        if (path.RegistrationViews.FirstOrDefault(v => v.Role.Arn == roleArn) is not { } view)
        {
            return;
        }

        foreach (var result in view.Results.Values.Where(r => r.Status is HopStatus.Breaks or HopStatus.AtRisk))
        {
            var value = result.Status == HopStatus.Breaks ? Tri.False : Tri.Unknown;
            hop.Judged(value);
            hop.Add(document, RuleIds.LfRegistrationRoleCannotRead, value, $"({result.Hop.ToText()} hop)", $"Lake Formation reads {Tables(tables)} with credentials of {roleArn}, and the {result.Hop.ToText()} hop {(value == Tri.False ? "breaks" : "is at risk")} for that role (its findings there are labelled with the role).");
        }
    }

    // A location registered in the known-good snapshot and no longer: the table falls back to the role's own access,
    // which the data hops judge; said here so the change is not silent.
    private static void Deregistered(HopBuilder hop, PathJudging path)
    {
        if (path.KnownGoodRoutes is not { } before)
        {
            return;
        }

        foreach (var now in path.Routes.OfType<TableRoute.ByRole>().Where(r => r.Why is null))
        {
            if (before.OfType<TableRoute.ByLakeFormation>().FirstOrDefault(b => b.Table.Bucket == now.Table.Bucket && b.Table.Prefix == now.Table.Prefix) is { } was)
            {
                hop.Add($"Lake Formation of account {was.Account}", new Finding(RuleIds.LfLocationDeregistered, Severity.Medium, FindingKind.Access, $"({now.Where})", $"{was.Location.ResourceArn} was registered with Lake Formation and no longer is: {now.Where} is now read with {path.Reader.Arn}'s own permissions, judged on the data hops.", Fixes.For(RuleIds.LfLocationDeregistered)));
            }
        }
    }

    private static string Tables(IReadOnlyList<TableRoute.ByLakeFormation> tables) =>
        tables.Count == 1 ? $"{tables[0].Table.Database}.{tables[0].Table.Table}" : $"{tables.Count} tables ({tables[0].Table.Database}.{tables[0].Table.Table}, ...)";
}
