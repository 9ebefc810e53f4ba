using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Tests.Snapshot;

/// <summary>Valid snapshots: every field lands in the model, absent differs from null, and maps keep order and case.</summary>
public sealed class SnapshotReaderTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";
    private const string Key = "arn:aws:kms:us-east-1:444455556666:key/k1";

    /// <summary>A snapshot with every section and field.</summary>
    internal const string Full = """
        {
          "spectrum": {
            "roleChain": ["arn:aws:iam::111122223333:role/spectrum"],
            "cluster": {"kind": "serverless", "iamRoles": ["arn:aws:iam::111122223333:role/spectrum"], "vpcEndpoints": ["vpce-0123456789abcdef0"]},
            "region": "us-east-1",
            "tables": [{"bucket": "lake", "prefix": "sales/", "catalogAccount": "444455556666", "database": "sales", "table": "orders"}, {"bucket": "lake", "prefix": ""}]
          },
          "roles": {
            "arn:aws:iam::111122223333:role/spectrum": {
              "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
              "inlinePolicies": {
                "zeta": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*"}]},
                "alpha": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"glue:GetTable\", \"Resource\": \"*\"}]}"
              },
              "managedPolicies": {"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}},
              "permissionsBoundary": null,
              "tags": {"team": "data", "Team": "other"}
            }
          },
          "buckets": {
            "lake": {"account": "444455556666", "policy": null,
                     "encryption": {"algorithm": "aws:kms:dsse", "kmsKeyArn": "arn:aws:kms:us-east-1:444455556666:key/k1", "bucketKeyEnabled": true},
                     "ownership": "ObjectWriter"},
            "logs": {"encryption": {"algorithm": "AES256"}}
          },
          "keys": {
            "arn:aws:kms:us-east-1:444455556666:key/k1": {
              "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]},
              "state": "PendingDeletion", "awsManaged": false,
              "grants": [{"granteePrincipal": "arn:aws:iam::111122223333:role/spectrum", "operations": ["Decrypt", "DescribeKey"],
                          "constraints": {"encryptionContextSubset": {"aws:s3:arn": "arn:aws:s3:::lake"}}}]
            }
          },
          "catalogs": {"444455556666": {"resourcePolicy": null}, "111122223333": {}},
          "organization": {"id": "o-abc1234567", "managementAccount": "999999999999",
                           "serviceControlPolicies": {"111122223333": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}], []]},
                           "resourceControlPolicies": {}}
        }
        """;

    [Fact]
    public void Every_field_lands_in_the_model()
    {
        var snapshot = SnapshotReader.Read(Full);

        Assert.Equal(Role, snapshot.Spectrum.ReadingRole.Arn);
        Assert.Equal(ClusterKind.Serverless, snapshot.Spectrum.Cluster!.Kind);
        Assert.Equal([Role], snapshot.Spectrum.Cluster.IamRoles);
        Assert.Equal(["vpce-0123456789abcdef0"], snapshot.Spectrum.Cluster.VpcEndpoints);
        Assert.Equal("us-east-1", snapshot.Spectrum.Region);
        Assert.Equal(new TableLocation("lake", "sales/", "444455556666", "sales", "orders"), snapshot.Spectrum.Tables[0]);
        Assert.Equal(new TableLocation("lake", string.Empty, null, null, null), snapshot.Spectrum.Tables[1]);

        var role = snapshot.Roles[Role];
        Assert.Single(role.TrustPolicy!.Statements);
        Assert.Equal(["zeta", "alpha"], role.InlinePolicies!.Select(p => p.Name));
        Assert.Equal("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", Assert.Single(role.ManagedPolicies!).Name);
        Assert.NotNull(role.PermissionsBoundary);
        Assert.Null(role.PermissionsBoundary.Value);
        Assert.Equal(2, role.Tags!.Count);

        var lake = snapshot.Buckets["lake"];
        Assert.Equal("444455556666", lake.Account);
        Assert.Null(lake.Policy!.Value);
        Assert.Equal(new BucketEncryption(EncryptionAlgorithm.KmsDsse, Key, true), lake.Encryption);
        Assert.Equal(ObjectOwnership.ObjectWriter, lake.Ownership);
        Assert.Equal(new BucketEncryption(EncryptionAlgorithm.Aes256, null, false), snapshot.Buckets["logs"].Encryption);

        var key = snapshot.Keys[Key];
        Assert.Equal("PendingDeletion", key.State);
        Assert.False(key.AwsManaged);
        var grant = Assert.Single(key.Grants!);
        Assert.Equal(Role, grant.GranteePrincipal);
        Assert.Equal(["Decrypt", "DescribeKey"], grant.Operations);
        Assert.Null(grant.Constraints!.EncryptionContextEquals);
        Assert.Equal("arn:aws:s3:::lake", grant.Constraints.EncryptionContextSubset!["aws:s3:arn"]);

        Assert.Null(snapshot.Catalogs["444455556666"].ResourcePolicy!.Value);
        Assert.Null(snapshot.Catalogs["111122223333"].ResourcePolicy);

        var organization = snapshot.Organization!;
        Assert.Equal("o-abc1234567", organization.Id);
        Assert.Equal("999999999999", organization.ManagementAccount);
        var levels = organization.ServiceControlPolicies!["111122223333"];
        Assert.Equal([1, 0], levels.Select(l => l.Count));
        Assert.Empty(organization.ResourceControlPolicies!);
    }

    [Fact]
    public void Absent_sections_and_documents_are_unknown_and_null_ones_are_known_to_be_none()
    {
        var snapshot = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": ["{{{{{Role}}}}}"]}, "buckets": {"lake": {}, "logs": {"policy": null}}, "roles": {"{{{{{Role}}}}}": {}}}""");

        Assert.Null(snapshot.Spectrum.Cluster);
        Assert.Null(snapshot.Spectrum.Region);
        Assert.Empty(snapshot.Spectrum.Tables);
        Assert.Null(snapshot.Organization);
        Assert.Empty(snapshot.Keys);
        Assert.Null(snapshot.Buckets["lake"].Policy);
        Assert.Null(snapshot.Buckets["lake"].Encryption);
        Assert.Null(snapshot.Buckets["lake"].Ownership);
        Assert.NotNull(snapshot.Buckets["logs"].Policy);
        Assert.Null(snapshot.Buckets["logs"].Policy!.Value);
        var role = snapshot.Roles[Role];
        Assert.Equal(new RoleFacts(null, null, null, null, null), role);
    }

    [Fact]
    public void An_embedded_policy_keeps_its_raw_text_and_a_string_policy_reads_the_same()
    {
        const string Policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*"}]}""";
        var embedded = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": ["{{{{{Role}}}}}"]}, "buckets": {"lake": {"policy": {{{{{Policy}}}}}}}}""");
        var quoted = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": ["{{{{{Role}}}}}"]}, "buckets": {"lake": {"policy": {{{{{System.Text.Json.JsonSerializer.Serialize(Policy)}}}}}}}}""");

        var fromObject = embedded.Buckets["lake"].Policy!.Value!;
        var fromString = quoted.Buckets["lake"].Policy!.Value!;
        Assert.Equal(Policy, fromObject.OriginalText);
        Assert.Equal(Policy, fromString.OriginalText);
        Assert.Equal(fromObject.Statements[0].Action.Patterns, fromString.Statements[0].Action.Patterns);
    }

    [Fact]
    public void A_role_chain_may_be_written_as_redshift_does()
    {
        var snapshot = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": "{{{{{Role}}}}}, arn:aws:iam::444455556666:role/reader"}}""");

        Assert.Equal([Role, "arn:aws:iam::444455556666:role/reader"], snapshot.Spectrum.RoleChain.Select(r => r.Arn));
        Assert.Equal("444455556666", snapshot.Spectrum.ReadingRole.AccountId);
    }

    [Fact]
    public void Maps_are_keyed_ordinally_in_document_order()
    {
        var snapshot = SnapshotReader.Read(Full);

        Assert.Equal(["lake", "logs"], snapshot.Buckets.Keys);
        Assert.Equal("data", snapshot.Roles[Role].Tags!["team"]);
        Assert.Equal("other", snapshot.Roles[Role].Tags!["Team"]);
        Assert.False(snapshot.Roles.ContainsKey(Role.ToUpperInvariant()));
        Assert.False(snapshot.Catalogs.ContainsKey(" 444455556666"));
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/aws/s3")]
    [InlineData("alias/aws/s3")]
    [InlineData("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    public void A_bucket_may_name_its_key_by_alias_or_key_arn(string key)
    {
        var snapshot = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": ["{{{{{Role}}}}}"]}, "buckets": {"lake": {"encryption": {"algorithm": "aws:kms", "kmsKeyArn": "{{{{{key}}}}}"}}}, "keys": {"{{{{{key}}}}}": {"awsManaged": true}}}""");

        Assert.Equal(key, snapshot.Buckets["lake"].Encryption!.KmsKeyArn);
        Assert.True(snapshot.Keys[key].AwsManaged);
    }

    public static TheoryData<string> Examples => [.. Directory.GetFiles(RepoPaths.Of("examples", "paths"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_snapshot_reads(string file)
    {
        var snapshot = SnapshotReader.Read(File.ReadAllText(RepoPaths.Of("examples", "paths", file)));

        Assert.NotEmpty(snapshot.Spectrum.Tables);
        Assert.True(snapshot.Roles.ContainsKey(snapshot.Spectrum.ReadingRole.Arn), "the example describes its reading role");
    }

    [Fact]
    public void The_issue_s_short_organization_id_is_accepted()
    {
        var snapshot = SnapshotReader.Read($$$$$"""{"spectrum": {"roleChain": ["{{{{{Role}}}}}"]}, "organization": {"id": "o-abc123", "serviceControlPolicies": {"111122223333": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}], [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]]}}}""");

        Assert.Equal("o-abc123", snapshot.Organization!.Id);
        Assert.Equal(2, snapshot.Organization.ServiceControlPolicies!["111122223333"].Count);
        Assert.Null(snapshot.Organization.ResourceControlPolicies);
    }
}
