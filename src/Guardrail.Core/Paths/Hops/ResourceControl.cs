using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;

namespace Guardrail.Core.Paths.Hops;

/// <summary>The RCPs of a resource's account over the requests on it: at every level some RCP must allow and none deny.</summary>
internal static class ResourceControl
{
    public static void Apply(HopBuilder hop, PathJudging path, string account, IReadOnlyList<RequestShape> shapes, Evaluation.RequestPrincipal? caller = null)
    {
        switch (OrganizationLevels.For(path.Snapshot.Organization, account, resource: true))
        {
            case OrganizationLevels.Missing missing:
                hop.Gap("resource control policies", missing.What);
                break;
            case OrganizationLevels.Levels levels:
                foreach (var level in levels.Sets)
                {
                    foreach (var shape in shapes)
                    {
                        hop.Add(path.Decide(level, shape, caller), SetPart.Both, HopRules.Always(RuleIds.RcpDenies), w => (RuleIds.RcpDenies, $"No resource control policy at {level.Name} allows {w.Description}: RCPs cap every request on the account's resources."));
                    }
                }

                break;
        }
    }
}
