using System.Net;
using System.Text;
using Amazon.Runtime;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Query;
using Guardrail.Aws.Sns;

namespace Guardrail.Functions.Tests;

public sealed class QueryClientTests
{
    private static readonly DateTime SignedAt = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private const string GetRoleXml = """
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path><RoleName>redshift</RoleName>
        <Arn>arn:aws:iam::123456789012:role/redshift</Arn><AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22redshift.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
        </Role></GetRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetRoleResponse>
        """;

    private static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    private static (QueryIamRoles Client, CaptureHandler Network) Iam(params Func<HttpResponseMessage>[] responses)
    {
        var network = new CaptureHandler(responses);
        var http = AwsHttp.CreateSignedClient("iam", "us-east-1", Credentials, network, SignedAt, maxRetries: 2);
        return (new QueryIamRoles(new AwsQueryClient(http, new Uri("https://iam.amazonaws.com/"), "iam", "2010-05-08")), network);
    }

    [Fact]
    public async Task Requests_are_form_encoded_and_signed_with_sigv4_for_the_fixed_clock_and_credentials()
    {
        var (iam, network) = Iam(() => Xml(GetRoleXml));

        await iam.GetTrustPolicyAsync("redshift", CancellationToken.None);

        var request = Assert.Single(network.Sent);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Action=GetRole&Version=2010-05-08&RoleName=redshift", request.Body);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("20261127T120000Z", request.Header("X-Amz-Date"));
        var authorization = request.Header("Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/iam/aws4_request, SignedHeaders=", authorization, StringComparison.Ordinal);
        Assert.Contains("host", authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-date", authorization, StringComparison.Ordinal);
        Assert.Equal(SigV4TestVector.ExpectedSignature(request, "iam"), authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10)..]);
    }

    [Fact]
    public async Task The_signature_depends_on_the_body()
    {
        var (first, a) = Iam(() => Xml(GetRoleXml));
        var (second, b) = Iam(() => Xml(GetRoleXml));

        await first.GetTrustPolicyAsync("redshift", CancellationToken.None);
        await second.GetTrustPolicyAsync("etl", CancellationToken.None);

        Assert.NotEqual(a.Sent[0].Header("Authorization"), b.Sent[0].Header("Authorization"));
    }

    [Fact]
    public async Task GetRole_url_decodes_the_trust_policy()
    {
        var (iam, _) = Iam(() => Xml(GetRoleXml));

        var role = await iam.GetTrustPolicyAsync("redshift", CancellationToken.None);

        Assert.Equal("arn:aws:iam::123456789012:role/redshift", role.RoleArn);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", role.PolicyDocument);
    }

    [Fact]
    public async Task Error_responses_become_exceptions_with_code_message_and_request_id()
    {
        const string error = """<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Role nope not found</Message></Error><RequestId>req-9</RequestId></ErrorResponse>""";
        var (iam, network) = Iam(() => Xml(error, HttpStatusCode.NotFound));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => iam.GetTrustPolicyAsync("nope", CancellationToken.None));

        Assert.Equal("NoSuchEntity", e.Code);
        Assert.Equal("req-9", e.RequestId);
        Assert.Contains("Role nope not found", e.Message, StringComparison.Ordinal);
        Assert.Single(network.Sent);
    }

    [Fact]
    public async Task Throttling_and_5xx_are_retried_then_succeed()
    {
        const string throttled = """<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>""";
        var (iam, network) = Iam(() => Xml(throttled, HttpStatusCode.BadRequest), () => Xml("<x/>", HttpStatusCode.ServiceUnavailable), () => Xml(GetRoleXml));

        var role = await iam.GetTrustPolicyAsync("redshift", CancellationToken.None);

        Assert.Equal(3, network.Sent.Count);
        Assert.Equal("arn:aws:iam::123456789012:role/redshift", role.RoleArn);
        Assert.All(network.Sent, s => Assert.StartsWith("AWS4-HMAC-SHA256 ", s.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Persistent_5xx_fails_loudly_after_the_retries()
    {
        var (iam, network) = Iam(() => Xml("<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>", HttpStatusCode.ServiceUnavailable));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => iam.GetTrustPolicyAsync("redshift", CancellationToken.None));

        Assert.Equal(3, network.Sent.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
    }

    [Fact]
    public async Task Network_failures_are_retried_then_reported_as_a_service_error()
    {
        var (iam, network) = Iam(() => throw new HttpRequestException("connection refused"));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => iam.GetTrustPolicyAsync("redshift", CancellationToken.None));

        Assert.Equal(3, network.Sent.Count);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("GetRole failed after retries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_stop_when_the_invocations_deadline_cancels_the_call()
    {
        var network = new CaptureHandler(() => Xml("<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>", HttpStatusCode.ServiceUnavailable));
        using var http = AwsHttp.CreateSignedClient("iam", "us-east-1", Credentials, network, SignedAt, maxRetries: 10);
        var iam = new QueryIamRoles(new AwsQueryClient(http, new Uri("https://iam.amazonaws.com/"), "iam", "2010-05-08"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // Ten retries with exponential backoff take half a minute; the deadline ends them at once.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => iam.GetTrustPolicyAsync("redshift", deadline.Token));

        Assert.InRange(network.Sent.Count, 1, 5);
    }

    [Fact]
    public void Publish_encodes_the_message_structure_and_attributes()
    {
        var message = new SnsMessage("arn:aws:sns:us-east-1:123456789012:alerts", "[BREAKS] x", "{\"verdict\":\"breaks\"}", "text", [new("verdict", "String", "breaks"), new("rules", "String.Array", "[\"a\"]")]);

        var parameters = QuerySnsPublisher.Parameters(message).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("json", parameters["MessageStructure"]);
        Assert.Equal("""{"default":"{\u0022verdict\u0022:\u0022breaks\u0022}","email":"text"}""", parameters["Message"]);
        Assert.Equal("rules", parameters["MessageAttributes.entry.2.Name"]);
        Assert.Equal("String.Array", parameters["MessageAttributes.entry.2.Value.DataType"]);
        Assert.Equal("[\"a\"]", parameters["MessageAttributes.entry.2.Value.StringValue"]);
    }

    [Fact]
    public void Unreadable_error_bodies_still_give_a_clear_exception()
    {
        var e = AwsQueryClient.ParseError("sns", HttpStatusCode.BadGateway, "<html>bad gateway</html");

        Assert.Equal("BadGateway", e.Code);
        Assert.Contains("bad gateway", e.Message, StringComparison.Ordinal);
    }
}
