namespace Guardrail.Deployment.Tests;

/// <summary>A test too slow for every run (minutes): it runs when GUARDRAIL_CI_SLOW=1, as .ci/run sets it once, and is skipped otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CiOnlyFactAttribute : FactAttribute
{
    public CiOnlyFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GUARDRAIL_CI_SLOW") != "1")
        {
            Skip = "slow: runs in CI (GUARDRAIL_CI_SLOW=1, .ci/run)";
        }
    }
}
