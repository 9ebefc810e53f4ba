using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;
using Guardrail.Aws.Ssm;

namespace Guardrail.Aws.Config;

/// <summary>
/// <see cref="IConfigDocumentStore"/> over AWSSDK.S3 (<c>GetObject</c>) and SSM's JSON 1.1 <c>GetParameter</c>
/// (the same signed client as the break-glass parameter's), with the functions' own credentials and Region.
/// </summary>
public sealed class AwsConfigDocumentStore : IConfigDocumentStore, IDisposable
{
    private readonly IAmazonS3 s3;
    private readonly AwsJsonClient ssm;

    public AwsConfigDocumentStore(IAmazonS3 s3, AwsJsonClient ssm)
    {
        this.s3 = s3;
        this.ssm = ssm;
    }

    public static AwsConfigDocumentStore Create(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var region = endpoints.Region;
        var ssm = new AwsJsonClient(AwsHttp.CreateSignedClient("ssm", region), endpoints.Regional("SSM", "ssm", region), "ssm", JsonBreakGlassParameter.TargetPrefix);
        return new AwsConfigDocumentStore(new AmazonS3Client(S3BucketPolicies.Config(endpoints, region)), ssm);
    }

    public async Task<byte[]> ReadObjectAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken)
    {
        var where = $"s3://{bucket}/{key}";
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > maxBytes)
            {
                throw TooLarge(where, maxBytes);
            }

            return await ReadAtMost(response.ResponseStream, maxBytes, where, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new ConfigStoreException($"s3:GetObject of {where} failed: {e.ErrorCode ?? e.StatusCode.ToString()}: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ConfigStoreException($"s3:GetObject of {where} failed: {e.Message}", e);
        }
    }

    public async Task<byte[]> ReadParameterAsync(string name, int maxBytes, CancellationToken cancellationToken)
    {
        JsonObject response;
        try
        {
            response = await ssm.CallAsync("GetParameter", new JsonObject { ["Name"] = name, ["WithDecryption"] = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException)
        {
            throw new ConfigStoreException($"ssm:GetParameter of {name} failed: {e.Message}", e);
        }

        var value = response["Parameter"]?["Value"] is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new ConfigStoreException($"ssm:GetParameter of {name} returned no value");
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length > maxBytes ? throw TooLarge($"ssm:{name}", maxBytes) : bytes;
    }

    public void Dispose() => s3.Dispose();

    // Reads until the end or one byte past the limit: a 1 GB object costs the limit, not 1 GB.
    private static async Task<byte[]> ReadAtMost(Stream stream, int maxBytes, string where, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(where, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ConfigStoreException TooLarge(string where, int maxBytes) =>
        new($"{where} is larger than {maxBytes:N0} bytes, the most a configuration document may have");
}
