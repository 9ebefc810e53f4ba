using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Reads the <c>accessPoints</c> section: per access point ARN, its bucket, owner, network origin and policy (S3 Control
/// <c>GetAccessPoint</c>, <c>GetAccessPointPolicy</c>). A <c>null</c> policy is "the access point has none".
/// </summary>
internal static class AccessPointSectionReader
{
    private static readonly KnownNames AccessPointNames = new("bucket", "account", "networkOrigin", "policy");

    // GetAccessPoint's NetworkOrigin values, exactly as the API spells them.
    private static readonly (string, AccessPointNetworkOrigin)[] Origins = [("Internet", AccessPointNetworkOrigin.Internet), ("VPC", AccessPointNetworkOrigin.Vpc)];

    public static Dictionary<string, AccessPointFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AccessPointArn.Problem, static (accessPoint, accessPointPath, arn) => AccessPoint(accessPoint, accessPointPath, arn));

    private static AccessPointFacts AccessPoint(JsonElement element, JsonLocation path, string arn)
    {
        var accessPoint = SnapshotObject.Read(element, path, AccessPointNames);
        var bucket = SnapshotJson.Checked(accessPoint.Required(0, out var bucketPath), bucketPath, AwsIdentifiers.BucketNameProblem);
        var account = SnapshotJson.Checked(accessPoint.Required(1, out var accountPath), accountPath, AwsIdentifiers.AccountIdProblem);
        // The key was validated as an access point ARN by the map reader.
        var owner = AccessPointArn.TryParse(arn)!.Account;
        if (owner != account)
        {
            throw SnapshotJson.Error(accountPath, $"the access point's ARN names account {owner}, not {account}");
        }

        var origin = SnapshotJson.Choice(accessPoint.Required(2, out var originPath), originPath, Origins);
        var policy = SnapshotPolicies.ReadGiven(accessPoint.Required(3, out var policyPath), policyPath, PolicyKind.Bucket);
        return new AccessPointFacts(bucket, account, origin, policy);
    }
}
