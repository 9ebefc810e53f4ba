using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws;
using Guardrail.Aws.Config;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>The document read where <c>GUARDRAIL_CONFIG</c> points: an S3 object or an SSM parameter on moto, or a file.</summary>
[Collection(MotoCollection.Name)]
public sealed class ConfigDocumentSourceTests(MotoServer moto)
{
    private static readonly string Example = File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", "organization.yaml"));

    private AwsEndpoints Endpoints => new(name => name switch
    {
        "AWS_ENDPOINT_URL" => moto.Endpoint.ToString(),
        "AWS_REGION" => "us-east-1",
        _ => null,
    });

    [Fact]
    public async Task An_s3_object_is_read_and_cached_as_a_document()
    {
        await moto.ResetAsync();
        using var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        await s3.PutBucketAsync("amzn-s3-demo-config");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "amzn-s3-demo-config", Key = "guardrail/config.yaml", ContentBody = "\uFEFF" + Example });

        var source = ConfigDocumentSource.Create("s3://amzn-s3-demo-config/guardrail/config.yaml", Endpoints);
        Assert.Equal("s3://amzn-s3-demo-config/guardrail/config.yaml", source.Location);
        using var cache = new ConfigDocumentCache(source, TimeProvider.System, ConfigDocumentCache.DefaultTtl);
        var snapshot = await cache.GetAsync(CancellationToken.None);
        Assert.Null(snapshot.NewProblem);
        Assert.Equal(["finance-orders", "marketing"], snapshot.Document!.Paths.Select(p => p.Name));
    }

    [Fact]
    public async Task A_missing_object_is_unreadable_naming_the_call()
    {
        await moto.ResetAsync();
        using var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        await s3.PutBucketAsync("amzn-s3-demo-config");
        var source = ConfigDocumentSource.Create("s3://amzn-s3-demo-config/missing.json", Endpoints);
        var e = await Assert.ThrowsAsync<ConfigDocumentUnreadableException>(() => source.ReadTextAsync(CancellationToken.None));
        Assert.StartsWith("s3:GetObject of s3://amzn-s3-demo-config/missing.json failed: NoSuchKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_over_the_limit_is_refused()
    {
        await moto.ResetAsync();
        using var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true });
        await s3.PutBucketAsync("amzn-s3-demo-config");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "amzn-s3-demo-config", Key = "big.json", ContentBody = new string(' ', DocumentLimits.MaxBytes + 1) });
        var source = ConfigDocumentSource.Create("s3://amzn-s3-demo-config/big.json", Endpoints);
        var e = await Assert.ThrowsAsync<ConfigDocumentUnreadableException>(() => source.ReadTextAsync(CancellationToken.None));
        Assert.Equal("s3://amzn-s3-demo-config/big.json is larger than 1,048,576 bytes, the most a configuration document may have", e.Message);
    }

    [Fact]
    public async Task A_secure_string_parameter_is_read_decrypted()
    {
        await moto.ResetAsync();
        var ssm = new AwsJsonClient(AwsHttp.CreateSignedClient("ssm", "us-east-1"), moto.Endpoint, "ssm", "AmazonSSM");
        var json = File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", "single-account.json"));
        await ssm.CallAsync("PutParameter", new JsonObject { ["Name"] = "/guardrail/config", ["Value"] = json, ["Type"] = "SecureString", ["Tier"] = "Advanced" }, CancellationToken.None);

        var source = ConfigDocumentSource.Create("ssm:/guardrail/config", Endpoints);
        Assert.Equal(json, await source.ReadTextAsync(CancellationToken.None));
        Assert.True(ConfigDocumentReader.Read(await source.ReadTextAsync(CancellationToken.None)).IsValid);

        var missing = ConfigDocumentSource.Create("ssm:/guardrail/none", Endpoints);
        var e = await Assert.ThrowsAsync<ConfigDocumentUnreadableException>(() => missing.ReadTextAsync(CancellationToken.None));
        Assert.Contains("ParameterNotFound", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_is_read_and_invalid_utf8_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"guardrail-config-{Guid.NewGuid():N}.yaml");
        try
        {
            await File.WriteAllTextAsync(file, Example);
            Assert.Equal(Example, await ConfigDocumentSource.Create(file, Endpoints).ReadTextAsync(CancellationToken.None));
            await File.WriteAllBytesAsync(file, [.. Encoding.UTF8.GetBytes("version: 1\n"), 0xC3, 0x28]);
            var e = await Assert.ThrowsAsync<ConfigDocumentUnreadableException>(() => ConfigDocumentSource.Create(file, Endpoints).ReadTextAsync(CancellationToken.None));
            Assert.EndsWith("is not UTF-8 text", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("s3://amzn-s3-demo-config/", "\"s3://amzn-s3-demo-config/\" is not s3://BUCKET/KEY")]
    [InlineData("s3://Bad_Bucket/key", "\"Bad_Bucket\" is not an S3 bucket name (only lowercase letters, digits, dots and hyphens)")]
    [InlineData("ssm:guardrail", "\"ssm:guardrail\" is not ssm:/PARAMETER/NAME (1-1011 letters, digits and _.-/, starting with /)")]
    public void A_location_that_names_nothing_is_a_configuration_problem(string value, string problem)
    {
        var e = Assert.Throws<GuardrailConfigException>(() => ConfigDocumentSource.Create(value, Endpoints));
        Assert.Equal($"GUARDRAIL_CONFIG {problem}", Assert.Single(e.Problems));
    }
}
