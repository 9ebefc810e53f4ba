using Guardrail.Aws.Calls;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.LakeFormation;

/// <summary><see cref="ILakeFormationWriter"/> over REST-JSON (<c>POST /GrantPermissions</c>).</summary>
public sealed class RestLakeFormationWriter(AwsRestJsonClient client, AwsCallCounter counter) : ILakeFormationWriter
{
    public Task GrantPermissionsAsync(LfGrant grant, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "lakeformation:GrantPermissions", () => (Task)client.PostAsync("GrantPermissions", grant.ToRequest(), cancellationToken));
}
