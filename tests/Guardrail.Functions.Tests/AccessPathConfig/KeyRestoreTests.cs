using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.S3;
using Guardrail.Core.Evaluation;
using Guardrail.Functions.Events;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Tests.AccessPaths;

/// <summary>A key's state is restored from what is live: a retry after an attempt killed between its two calls finishes the job.</summary>
public sealed class KeyRestoreTests
{
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string KeyArn = $"arn:aws:kms:us-east-1:123456789012:key/{KeyId}";

    [Theory]
    [InlineData("PendingDeletion", "CancelKeyDeletion 1234abcd-12ab-34cd-56ef-1234567890ab|EnableKey 1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("Disabled", "EnableKey 1234abcd-12ab-34cd-56ef-1234567890ab")]
    public async Task Scheduled_deletion_is_undone_from_the_live_state(string liveState, string calls)
    {
        var writers = new RecordingWriters();
        var change = EventParser.Parse(Sandbox.Event("access-kms-schedule-key-deletion"));
        var trigger = AccessEvents.Of(change)!;

        await new PathRestorer(writers, [RoleArn.Parse("arn:aws:iam::123456789012:role/redshift")]).RestoreAsync(trigger, change, Envelope("Enabled"), Envelope(liveState), default);

        Assert.Equal(calls, string.Join("|", writers.Calls));
    }

    private static PathEnvelope Envelope(string state) => new(
        new JsonObject { ["keys"] = new JsonObject() },
        new JsonObject { ["keys"] = new JsonObject { [KeyArn] = new JsonObject { ["keyId"] = KeyId, ["arn"] = KeyArn, ["state"] = state, ["awsManaged"] = false } } });

    private sealed class RecordingWriters : IAccountWriters, IPathWriters, IKeyWriter
    {
        public List<string> Calls { get; } = [];

        public AwsCallCounter Counter { get; } = new();

        public IIamPathWriter Iam => throw new NotSupportedException();

        public IBucketSettingsWriter Buckets => throw new NotSupportedException();

        public Aws.LakeFormation.ILakeFormationWriter LakeFormation => throw new NotSupportedException();

        public Aws.Ec2.IVpcEndpointWriter VpcEndpoints(string region) => throw new NotSupportedException();

        public Aws.S3Control.IAccessPointWriter AccessPoints(string region) => throw new NotSupportedException();

        public Task<string> OwnAccountAsync(CancellationToken cancellationToken) => Task.FromResult("123456789012");

        public Task<IPathWriters> WritersForAccountAsync(string account, CancellationToken cancellationToken) => Task.FromResult<IPathWriters>(this);

        public IKeyWriter Keys(string region) => this;

        public Task PutKeyPolicyAsync(string keyId, string policy, CancellationToken cancellationToken) => Record($"PutKeyPolicy {keyId}");

        public Task EnableKeyAsync(string keyId, CancellationToken cancellationToken) => Record($"EnableKey {keyId}");

        public Task CancelKeyDeletionAsync(string keyId, CancellationToken cancellationToken) => Record($"CancelKeyDeletion {keyId}");

        private Task Record(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }
}
