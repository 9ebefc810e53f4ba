using Guardrail.Core.Changes;
using Guardrail.Core.Paths.Changes;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Paths;

/// <summary>What <see cref="SnapshotDiff"/> reports on the network path: routing, the endpoint list, endpoint policies and access points.</summary>
public sealed class NetworkSnapshotDiffTests
{
    private const string AccessPoint = "arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader";

    private const string Before = """
        {
          "spectrum": {"roleChain": ["arn:aws:iam::111122223333:role/spectrum"], "cluster": {"kind": "serverless", "enhancedVpcRouting": false, "s3Endpoints": ["vpce-0a1b2c3d4e5f60718"]}},
          "vpcEndpoints": {"vpce-0a1b2c3d4e5f60718": {"serviceName": "com.amazonaws.us-east-1.s3", "type": "Gateway", "policy": null}},
          "accessPoints": {"arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader": {"bucket": "lake", "account": "111122223333", "networkOrigin": "Internet",
            "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/spectrum"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader/object/*"}]}}}
        }
        """;

    private const string After = """
        {
          "spectrum": {"roleChain": ["arn:aws:iam::111122223333:role/spectrum"], "cluster": {"kind": "serverless", "enhancedVpcRouting": true, "s3Endpoints": ["vpce-0a1b2c3d4e5f60718", "vpce-0f1e2d3c"]}},
          "vpcEndpoints": {"vpce-0a1b2c3d4e5f60718": {"serviceName": "com.amazonaws.us-east-1.s3", "type": "Gateway",
            "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "OnlyStaging", "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::staging/*"}]}}},
          "accessPoints": {"arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader": {"bucket": "lake", "account": "111122223333", "networkOrigin": "VPC", "policy": null}}
        }
        """;

    [Fact]
    public void Network_changes_are_reported_setting_by_setting_and_statement_by_statement()
    {
        var changes = SnapshotDiff.Compare(SnapshotReader.Read(Before), SnapshotReader.Read(After));

        Assert.Contains(new StatementChange(ChangeKind.Changed, "cluster: enhanced VPC routing", "off", "on"), changes);
        Assert.Contains(new StatementChange(ChangeKind.Changed, "cluster: S3 endpoints", "vpce-0a1b2c3d4e5f60718", "vpce-0a1b2c3d4e5f60718, vpce-0f1e2d3c"), changes);
        Assert.Contains(new StatementChange(ChangeKind.Changed, "endpoint policy of vpce-0a1b2c3d4e5f60718", "default (full access)", "custom"), changes);
        Assert.Contains(changes, c => c.Kind == ChangeKind.Added && c.Statement == "endpoint policy of vpce-0a1b2c3d4e5f60718: OnlyStaging");
        Assert.Contains(new StatementChange(ChangeKind.Changed, $"access point {AccessPoint}", "bucket lake, Internet origin", "bucket lake, VPC origin"), changes);
        Assert.Contains(new StatementChange(ChangeKind.Changed, $"access point policy of {AccessPoint}", "set", "none"), changes);
        Assert.Contains(changes, c => c.Kind == ChangeKind.Removed && c.Statement == $"access point policy of {AccessPoint}: Read");
    }

    [Fact]
    public void An_unchanged_network_reports_nothing()
    {
        Assert.Empty(SnapshotDiff.Compare(SnapshotReader.Read(After), SnapshotReader.Read(After)));
    }
}
