using Guardrail.Changes.CloudFormation;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>A template read by the reader and judged against examples/paths/same-account-provisioned.json: the contract with the overlay holds end to end.</summary>
public sealed class ChangeJudgeIntegrationTests
{
    private static readonly PathSnapshot Snapshot = SnapshotReader.Read(File.ReadAllText(Path.Combine(CaseFiles.Root, "..", "..", "..", "..", "examples", "paths", "same-account-provisioned.json")));

    private static readonly ChangeContext Context = new("template.yaml", "111122223333", "us-east-1", new Dictionary<string, string>(), new Dictionary<string, string>());

    [Fact]
    public void A_bucket_policy_denying_the_role_breaks_the_bucket_hop_at_its_statement_line()
    {
        const string Template = """
            Resources:
              LakePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: example-lake
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Sid: DenySpectrum
                        Effect: Deny
                        Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:role/spectrum' }
                        Action: s3:GetObject
                        Resource: arn:aws:s3:::example-lake/*
            """;

        var changes = new CloudFormationTemplateInput().Read(Template, Context);
        var verdict = ChangeJudge.Judge(Snapshot, changes, DateTimeOffset.UnixEpoch);

        var bucket = verdict.Hops.Single(h => h.Hop == HopKind.Bucket);
        Assert.True(bucket.Worsened, bucket.ToString());
        var located = verdict.Findings.First(f => f.Introduced && f.Finding.Hop == HopKind.Bucket);
        Assert.Equal(new ChangeSource("template.yaml", "LakePolicy", 2), located.Sources[0]);
        Assert.Equal(9, located.StatementLine);
    }

    [Fact]
    public void An_unknown_bucket_is_at_risk_not_guessed()
    {
        const string Template = """
            Resources:
              LakePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !ImportValue lake-bucket
                  PolicyDocument: { Version: '2012-10-17', Statement: [] }
            """;

        var verdict = ChangeJudge.Judge(Snapshot, new CloudFormationTemplateInput().Read(Template, Context), DateTimeOffset.UnixEpoch);

        Assert.Contains(verdict.Findings, f => f.Finding.Hop == HopKind.Bucket && f.Introduced);
    }

    [Fact]
    public void The_200_resource_bench_template_reads_and_touches_the_snapshot_path()
    {
        var text = File.ReadAllText(Path.Combine(CaseFiles.Root, "..", "..", "..", "..", "bench", "change", "template-200.yaml"));

        var changes = new CloudFormationTemplateInput().Read(text, Context);
        var overlay = SnapshotOverlay.Apply(Snapshot, changes);

        Assert.Contains(overlay.Applied, c => c is BucketPolicyChange { Bucket: "example-lake" });
        Assert.Contains(overlay.Applied, c => c is RoleTrustChange { RoleArn: "arn:aws:iam::111122223333:role/spectrum" });
        Assert.True(overlay.OffPath.Count > 100, $"{overlay.OffPath.Count} off path");

        // It states the path as the snapshot has it: judging it worsens no hop.
        var verdict = ChangeJudge.Judge(Snapshot, changes, DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(verdict.Hops, h => h.Worsened);
        Assert.DoesNotContain(verdict.Findings, f => f.Introduced);
    }
}
