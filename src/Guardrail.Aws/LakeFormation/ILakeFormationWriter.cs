namespace Guardrail.Aws.LakeFormation;

/// <summary>
/// The Lake Formation write that puts a revoked grant back: <c>GrantPermissions</c>, the exact inverse of the
/// <c>RevokePermissions</c> it undoes. Counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface ILakeFormationWriter
{
    /// <summary><c>GrantPermissions</c>: grants <paramref name="grant"/>'s permissions to its principal on its resource.</summary>
    Task GrantPermissionsAsync(LfGrant grant, CancellationToken cancellationToken);
}
