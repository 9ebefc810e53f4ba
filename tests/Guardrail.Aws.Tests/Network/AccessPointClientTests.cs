using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>The S3 Control access point reader and writer against moto (REST-XML, <c>x-amz-account-id</c>).</summary>
[Collection(NetworkMotoCollection.Name)]
public sealed class AccessPointClientTests(MotoServer moto)
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/spectrum-reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:123456789012:accesspoint/lake-ap/object/*"}]}""";

    [Fact]
    public async Task An_access_point_is_read_found_by_its_alias_and_its_policy_put_back()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var (arn, alias) = await world.CreateAccessPointAsync("lake-ap", "amzn-s3-demo-lake");
        var points = (await factory.ForAccountAsync(LakeWorld.Account, default)).AccessPoints("us-east-1");
        var writer = (await factory.WritersForAccountAsync(LakeWorld.Account, default)).AccessPoints("us-east-1");

        var described = await points.GetAccessPointAsync("lake-ap", default);
        var withoutPolicy = await points.GetAccessPointPolicyAsync("lake-ap", default);
        await writer.PutAccessPointPolicyAsync("lake-ap", Policy, default);
        var listed = Assert.Single(await points.ListAccessPointsAsync("amzn-s3-demo-lake", default));

        Assert.Equal(("lake-ap", "amzn-s3-demo-lake", "Internet", alias, arn), (described.Name, described.Bucket, described.NetworkOrigin, described.Alias, described.Arn));
        Assert.Null(withoutPolicy);
        Assert.Equal(Policy, await points.GetAccessPointPolicyAsync("lake-ap", default));
        Assert.Equal((alias, arn), (listed.Alias, listed.Arn));
        Assert.EndsWith("-s3alias", alias, StringComparison.Ordinal);
        Assert.True(S3Control.AccessPointNames.IsAlias(alias));
        Assert.Equal(arn, S3Control.AccessPointNames.ParseArn(arn)?.ToString());
    }

    [Fact]
    public async Task A_missing_access_point_is_a_failed_call()
    {
        await moto.ResetAsync();
        using var factory = LiveCollectionTests.Factory(moto);
        var points = (await factory.ForAccountAsync(LakeWorld.Account, default)).AccessPoints("us-east-1");

        var e = await Assert.ThrowsAsync<Calls.AwsCallException>(() => points.GetAccessPointAsync("no-such-ap", default));

        Assert.Equal("s3:GetAccessPoint", e.Call);
    }
}
