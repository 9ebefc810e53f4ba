using Guardrail.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Tests;

/// <summary>
/// What the Lambda handlers log about an event: every line of an invocation carries its event id, field values keep
/// their JSON types, and a rejected event is one ERROR line before the invocation fails.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class IntakeLoggingTests(MotoServer moto)
{
    private static List<JsonObject> Lines(Sandbox sandbox) =>
        [.. sandbox.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => l["level"] is not null)];

    [Theory]
    [InlineData("unrelated-s3-put-bucket-tagging", "bucket-policy")]
    [InlineData("bucket-put-failed-call", "bucket-policy")]
    [InlineData("trust-update-benign", "bucket-policy")]
    public async Task The_ignored_line_carries_the_events_id(string eventFile, string function)
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        var eventId = JsonNode.Parse(Sandbox.Event(eventFile))!["detail"]!["eventID"]!.GetValue<string>();
        Func<Stream, Task<Stream>> handler = function == "bucket-policy" ? new BucketPolicyFunction(host).Handle : new TrustPolicyFunction(host).Handle;

        var result = await Sandbox.InvokeAsync(handler, Sandbox.Event(eventFile));

        Assert.Equal("ignored", result["outcome"]!.GetValue<string>());
        var line = Assert.Single(Lines(sandbox));
        Assert.Equal("ignored", line["message"]!.GetValue<string>());
        Assert.Equal(eventId, line["correlation_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Booleans_and_numbers_are_logged_as_json_booleans_and_numbers()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));

        await Sandbox.InvokeAsync(new BucketPolicyFunction(sandbox.Host()).Handle, Sandbox.Event("bucket-put-benign"));
        await Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Sandbox.Event("drift-scan-schedule"));

        var lines = Lines(sandbox);
        var ok = lines.Single(l => l["message"]!.GetValue<string>().StartsWith("ok:", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.False, ok["newerChangeExists"]!.GetValueKind());
        var scan = lines.Single(l => l["message"]!.GetValue<string>() == "drift scan finished");
        Assert.Equal(JsonValueKind.Number, scan["resources"]!.GetValueKind());
        Assert.Equal(2, scan["resources"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rejected_event_is_one_error_line_then_a_failed_invocation()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();

        var noId = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout", e => e["detail"]!["eventID"] = "")));
        var badBucket = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout", e => e["detail"]!["requestParameters"]!["bucketName"] = "../../etc/passwd\nX")));

        var lines = Lines(sandbox);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("ERROR", l["level"]!.GetValue<string>()));
        Assert.Equal(noId.Message, lines[0]["reason"]!.GetValue<string>());
        Assert.Null(lines[0]["correlation_id"]?.GetValue<string>());
        Assert.Contains("\"../../etc/passwd\\nX\"", lines[1]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("0f1e2d3c-4b5a-6978-8a9b-000000000001", lines[1]["correlation_id"]!.GetValue<string>());
        Assert.Contains("bucketName", badBucket.Message, StringComparison.Ordinal);
        Assert.Empty(await sandbox.AlertsAsync());
    }

    [Theory]
    [InlineData("\"eventName\":\"PutBucketPolicy\"", "\"eventName\":\"PutBucketPolicy\",\"eventName\":\"DeleteBucketPolicy\"", "duplicate property detail.eventName:")]
    [InlineData("\"bucketName\":\"amzn-s3-demo-bucket\"", "\"bucketName\":\"amzn-s3-demo-bucket\",\"bucketName\":\"another-bucket\"", "duplicate property detail.requestParameters.bucketName:")]
    [InlineData("\"userAgent\":\"[aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux]\"", "\"userAgent\":\"\\ud800\"", "detail.userAgent is not valid text")]
    [InlineData("\"sourceIPAddress\":\"198.51.100.23\"", "\"sourceIPAddress\":\"\\udc00\"", "detail.sourceIPAddress is not valid text")]
    public async Task A_repeated_name_or_half_a_surrogate_pair_is_a_rejected_event_not_a_crash(string find, string replace, string reason)
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var text = Sandbox.Event("bucket-put-vpce-lockout");
        Assert.Contains(find, text, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new BucketPolicyFunction(sandbox.Host()).Handle, text.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        var line = Assert.Single(Lines(sandbox));
        Assert.Equal("ERROR", line["level"]!.GetValue<string>());
        Assert.Equal(refused.Message, line["reason"]!.GetValue<string>());
        Assert.Empty(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task An_input_over_256_KB_is_refused_without_being_read_whole()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var endless = new SpacesStream(20 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => new BucketPolicyFunction(sandbox.Host()).Handle(endless));

        Assert.Contains("256 KB (262,144 bytes)", error.Message, StringComparison.Ordinal);
        Assert.True(endless.Position <= 262_145 + 64 * 1024, $"read {endless.Position} bytes");
    }

    /// <summary>A 20 MB input of spaces, counting how much of it was read.</summary>
    private sealed class SpacesStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            count = (int)Math.Min(count, length - position);
            Array.Fill(buffer, (byte)' ', offset, count);
            position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
