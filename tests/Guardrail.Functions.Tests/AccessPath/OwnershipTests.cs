using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Object Ownership matters only to a reader in another account, and only puts the path at risk (whether objects
/// another account wrote exist is not known): alerted, and never rolled back, since only a certain break is, even
/// with <c>ownership-controls</c> in GUARDRAIL_ROLLBACK.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class OwnershipTests(MotoServer moto)
{
    [Theory]
    [InlineData("access-s3-put-bucket-ownership-controls", "ObjectWriter")]
    [InlineData("access-s3-delete-bucket-ownership-controls", "none")]
    public async Task Enabling_ACLs_on_a_bucket_a_reader_in_another_account_reads_is_alerted_at_risk_and_left_alone(string eventFile, string expected)
    {
        using var world = await PathWorld.CreateAsync(moto);
        var reader = await world.MemberReaderAsync();
        (string, string)[] settings = [("GUARDRAIL_SPECTRUM_ROLES", reader), ("GUARDRAIL_ACCOUNT_ROLE_NAME", "GuardrailReader"), ("GUARDRAIL_ROLLBACK", "ownership-controls")];
        await RestorableHopTests.BaselineAsync(world, settings);

        if (expected == "none")
        {
            await world.S3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = Sandbox.Bucket });
        }
        else
        {
            await world.PutOwnershipAsync(Sandbox.Bucket, ObjectOwnership.ObjectWriter);
        }

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(settings)).Handle, Sandbox.Event(eventFile));

        Assert.Equal("alerted", RestorableHopTests.Text(result["outcome"]));
        Assert.Equal("at-risk", RestorableHopTests.Text(result["verdict"]));
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        alert.AssertNames("ownership", "object-ownership", "at-risk");
        Assert.Equal("alerted", alert.Outcome);
        Assert.Equal(expected, await OwnershipAsync(world));
    }

    private static async Task<string> OwnershipAsync(PathWorld world)
    {
        try
        {
            return (await world.S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = Sandbox.Bucket })).OwnershipControls.Rules.Single().ObjectOwnership.Value;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "OwnershipControlsNotFoundError")
        {
            return "none";
        }
    }
}
