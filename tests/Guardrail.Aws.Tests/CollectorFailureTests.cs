using System.Net;
using Amazon.Runtime;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Aws.Glue;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Redshift;
using Guardrail.Aws.S3;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>
/// Reads AWS refuses: each is one line naming the call and the permission it needs, the section it feeds is left
/// out (its hop unchecked), and the rest of the path is still read. Organizations refusing is a note, said once.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class CollectorFailureTests
{
    private const string Role = "arn:aws:iam::123456789012:role/spectrum";
    private readonly MotoServer moto;

    public CollectorFailureTests(MotoServer moto)
    {
        this.moto = moto;
    }

    [Fact]
    public async Task Refused_IAM_reads_are_one_line_each_and_a_refused_organization_is_one_note()
    {
        // Recorded answers of an account whose auditor role may not read IAM nor Organizations.
        var network = new RecordedAws()
            .Answer("GetRole", () => RecordedAws.XmlError("AccessDenied"))
            .Answer("ListRolePolicies", () => RecordedAws.XmlError("AccessDenied"))
            .Answer("ListAttachedRolePolicies", () => RecordedAws.XmlError("AccessDenied"))
            .Answer("DescribeOrganization", () => RecordedAws.JsonError("AccessDeniedException"));
        using var factory = new AccountClientFactory(new AwsEndpoints(_ => null), "us-east-1", null, new AwsCallCounter(), new BasicAWSCredentials("AKIDEXAMPLE", "secret"), network, new OwnAccountOnly("123456789012"));
        var request = new SnapshotRequest([RoleArn.Parse(Role)], [], null, "us-east-1");

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        Assert.Equal(
            [
                $"GetRole on {Role}: AccessDenied — needs iam:GetRole",
                $"ListRolePolicies on {Role}: AccessDenied — needs iam:ListRolePolicies",
                $"ListAttachedRolePolicies on {Role}: AccessDenied — needs iam:ListAttachedRolePolicies",
            ],
            collection.Failures.Select(f => f.Line));
        Assert.Empty(collection.Snapshot["roles"]![Role]!.AsObject());
        Assert.False(collection.Snapshot.ContainsKey("organization"));
        var note = Assert.Single(collection.Notes);
        Assert.Contains("organizations:DescribeOrganization", note, StringComparison.Ordinal);
        Assert.Contains("SCP and RCP hops are unchecked", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_policy_leaves_out_the_key_policy_alone()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var readers = new Refusing(factory, "kms:GetKeyPolicy");

        var collection = await new SnapshotCollector(readers).CollectAsync(LiveCollectionTests.FullRequest, CancellationToken.None);

        var failure = Assert.Single(collection.Failures);
        Assert.Equal($"GetKeyPolicy on {world.Ids["KEY_ARN"]}: AccessDeniedException — needs kms:GetKeyPolicy", failure.Line);
        var key = collection.Snapshot["keys"]![LiveWorld.KeyAlias]!.AsObject();
        Assert.False(key.ContainsKey("policy"));
        Assert.Equal("Enabled", key["state"]!.GetValue<string>());
        Assert.Single(key["grants"]!.AsArray());

        // Everything else is as in the complete snapshot.
        var expected = LiveCollectionTests.Expected(world).AsObject();
        expected["keys"]![LiveWorld.KeyAlias]!.AsObject().Remove("policy");
        LiveCollectionTests.AssertJson(expected, collection.Snapshot);
    }

    [Fact]
    public async Task One_unreadable_inline_policy_leaves_out_the_whole_list_not_part_of_it()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var readers = new Refusing(factory, "iam:GetRolePolicy", onlyFor: "kms-decrypt");

        var collection = await new SnapshotCollector(readers).CollectAsync(LiveCollectionTests.FullRequest, CancellationToken.None);

        Assert.Equal($"GetRolePolicy on {LiveWorld.ReaderRole} inline policy kms-decrypt: AccessDeniedException — needs iam:GetRolePolicy", Assert.Single(collection.Failures).Line);
        var reader = collection.Snapshot["roles"]![LiveWorld.ReaderRole]!.AsObject();
        Assert.False(reader.ContainsKey("inlinePolicies"));
        Assert.True(reader.ContainsKey("managedPolicies"));
        Assert.True(collection.Snapshot["roles"]![LiveWorld.EntryRole]!.AsObject().ContainsKey("inlinePolicies"));
    }

    [Fact]
    public async Task A_refused_assume_role_leaves_out_what_lives_in_that_account()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        var sts = new RefusingAssumeRole();
        using var factory = new AccountClientFactory(new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null), "us-east-1", "GuardrailReader", new AwsCallCounter(), stsSessions: sts);
        var request = LiveCollectionTests.FullRequest with { BucketAccounts = new Dictionary<string, string> { ["amzn-s3-demo-partner"] = "210987654321" }, Tables = [new TableTarget("amzn-s3-demo-partner", "x/")], Cluster = null };

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        Assert.Equal("AssumeRole on arn:aws:iam::210987654321:role/GuardrailReader: AccessDenied — needs sts:AssumeRole", Assert.Single(collection.Failures).Line);
        Assert.Equal(new Dictionary<string, string?> { ["account"] = "210987654321" }, collection.Snapshot["buckets"]!["amzn-s3-demo-partner"]!.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>()));
        Assert.Equal(1, sts.Attempts);
    }

    [Fact]
    public async Task A_bucket_in_an_account_that_cannot_be_reached_has_its_owner_and_no_settings_in_the_restore_facts()
    {
        using var world = await LiveWorld.EmptyAsync(moto);
        using var factory = new AccountClientFactory(new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null), "us-east-1", "GuardrailReader", new AwsCallCounter(), stsSessions: new RefusingAssumeRole());
        var request = new SnapshotRequest([], [new TableTarget("amzn-s3-demo-partner", "x/")], null, "us-east-1", new Dictionary<string, string> { ["amzn-s3-demo-partner"] = "210987654321" });

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        // Unknown (null), not "none" (a Read of null): a restore must not delete what it never read.
        Assert.Equal(new BucketRestoreFacts("210987654321", null, null), collection.Facts.Buckets["amzn-s3-demo-partner"]);
        Assert.Empty(collection.Facts.Keys);
    }

    /// <summary>STS for a caller in its own account only (no other account is touched).</summary>
    private sealed class OwnAccountOnly(string account) : IStsSessions
    {
        public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) => Task.FromResult(account);

        public Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no other account in this test");
    }

    private sealed class RefusingAssumeRole : IStsSessions
    {
        public int Attempts { get; private set; }

        public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) => Task.FromResult(LiveWorld.Account);

        public Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken)
        {
            Attempts++;
            throw new AwsCallException("sts:AssumeRole", "AccessDenied", $"not authorized to perform sts:AssumeRole on {roleArn}");
        }
    }

    /// <summary>The real (moto) readers, except that one call is refused as AWS refuses it.</summary>
    private sealed class Refusing(IAccountReaders inner, string call, string? onlyFor = null) : IAccountReaders
    {
        public AwsCallCounter Counter => inner.Counter;

        public Task<string> OwnAccountAsync(CancellationToken cancellationToken) => inner.OwnAccountAsync(cancellationToken);

        public async Task<IPathReaders> ForAccountAsync(string account, CancellationToken cancellationToken) =>
            new Readers(await inner.ForAccountAsync(account, cancellationToken), this);

        private Task<T> Deny<T>(string name, string? resource, Func<Task<T>> otherwise) =>
            name == call && (onlyFor is null || onlyFor == resource)
                ? throw new AwsCallException(call, "AccessDeniedException", "recorded: not authorized")
                : otherwise();

        private sealed class Readers(IPathReaders inner, Refusing owner) : IPathReaders, IKeyReader, IIamPathReader
        {
            private IKeyReader? keys;

            public IIamPathReader Iam => this;

            public IBucketSettings Buckets => inner.Buckets;

            public ICatalogPolicyReader Catalog => inner.Catalog;

            public IClusterReader Clusters => inner.Clusters;

            public INamespaceReader Namespaces => inner.Namespaces;

            public IOrganizationReader Organization => inner.Organization;

            public Redshift.IWorkgroupReader Workgroups => inner.Workgroups;

            public LakeFormation.ILakeFormationReader LakeFormation => inner.LakeFormation;

            public Ec2.IVpcNetworkReader Network(string region) => inner.Network(region);

            public S3Control.IAccessPointReader AccessPoints(string region) => inner.AccessPoints(region);

            public IKeyReader Keys(string region)
            {
                keys = inner.Keys(region);
                return this;
            }

            public Task<KeyDescription> DescribeKeyAsync(string keyId, CancellationToken cancellationToken) => keys!.DescribeKeyAsync(keyId, cancellationToken);

            public Task<string> GetKeyPolicyAsync(string keyIdOrArn, CancellationToken cancellationToken) =>
                owner.Deny("kms:GetKeyPolicy", keyIdOrArn, () => keys!.GetKeyPolicyAsync(keyIdOrArn, cancellationToken));

            public Task<IReadOnlyList<GrantEntry>> ListGrantsAsync(string keyIdOrArn, CancellationToken cancellationToken) => keys!.ListGrantsAsync(keyIdOrArn, cancellationToken);

            public Task<RoleDetails> GetRoleAsync(string roleName, CancellationToken cancellationToken) => inner.Iam.GetRoleAsync(roleName, cancellationToken);

            public Task<IReadOnlyList<string>> ListInlinePolicyNamesAsync(string roleName, CancellationToken cancellationToken) => inner.Iam.ListInlinePolicyNamesAsync(roleName, cancellationToken);

            public Task<string> GetInlinePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
                owner.Deny("iam:GetRolePolicy", policyName, () => inner.Iam.GetInlinePolicyAsync(roleName, policyName, cancellationToken));

            public Task<IReadOnlyList<string>> ListAttachedPolicyArnsAsync(string roleName, CancellationToken cancellationToken) => inner.Iam.ListAttachedPolicyArnsAsync(roleName, cancellationToken);

            public Task<PolicyVersion> GetDefaultPolicyVersionAsync(string policyArn, CancellationToken cancellationToken) => inner.Iam.GetDefaultPolicyVersionAsync(policyArn, cancellationToken);
        }
    }
}
