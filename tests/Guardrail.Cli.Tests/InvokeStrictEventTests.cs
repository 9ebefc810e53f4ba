using System.Text;

namespace Guardrail.Cli.Tests;

/// <summary>
/// <c>guardrail invoke</c> on an event that repeats a property name or escapes half of a UTF-16 surrogate pair: bad
/// input, exit 2, with one escaped line on stderr naming the element (before, a half pair was exit 4, an internal
/// error, and a repeated name was read last-wins).
/// </summary>
public sealed class InvokeStrictEventTests
{
    // Edits of the pretty-printed events/ files: (text found, text it is replaced with).
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "bucket-policy", "bucket-put-vpce-lockout", "\"eventName\": \"PutBucketPolicy\",", "\"eventName\": \"PutBucketPolicy\", \"eventName\": \"DeleteBucketPolicy\",", "guardrail: duplicate property detail.eventName: " },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"bucketName\": \"amzn-s3-demo-bucket\",", "\"bucketName\": \"amzn-s3-demo-bucket\", \"bucketName\": \"another-bucket\",", "guardrail: duplicate property detail.requestParameters.bucketName: " },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"userAgent\": \"[aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux]\"", "\"userAgent\": \"\\ud800\"", "guardrail: detail.userAgent is not valid text: it escapes half of a UTF-16 surrogate pair" },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"sourceIPAddress\": \"198.51.100.23\"", "\"sourceIPAddress\": \"\\udc00\"", "guardrail: detail.sourceIPAddress is not valid text" },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"arn\": \"arn:aws:sts::123456789012:assumed-role/PlatformAdmin/jdoe\"", "\"arn\": \"arn:aws:sts::123456789012:assumed-role/PlatformAdmin/\\ud800\"", "guardrail: detail.userIdentity.arn is not valid text" },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"eventName\": \"PutBucketPolicy\",", "\"eventName\": \"PutBucketPolicy\", \"errorCode\": \"\\ud800\",", "guardrail: detail.errorCode is not valid text" },
        { "trust-policy", "trust-update-redshift-removed", "\"roleName\": \"redshift\"", "\"roleName\": \"redshift\", \"roleName\": \"other\"", "guardrail: duplicate property detail.requestParameters.roleName: " },
        { "access-path", "access-kms-disable-key", "\"keyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\"", "\"keyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\", \"keyId\": \"other\"", "guardrail: duplicate property detail.requestParameters.keyId: " },
        { "bucket-policy", "bucket-put-vpce-lockout", "\"eventName\": \"PutBucketPolicy\",", "\"eventName\": \"PutBucketPolicy\", \"\\u001b[2J\\n\": 1, \"\\u001b[2J\\n\": 2,", "guardrail: duplicate property detail[\"\\u001b[2J\\n\"]: " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_exit_2_with_one_line_naming_the_element(string function, string eventFile, string find, string replace, string expected)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Root, "events", eventFile + ".json"));
        Assert.Contains(find, text, StringComparison.Ordinal);

        var (exit, output, error) = CliRunner.RunWithInput(text.Replace(find, replace, StringComparison.Ordinal), "invoke", "--function", function, "--event", "-", "--dry-run");

        Assert.True(exit == 2, $"exit {exit}: {error}");
        Assert.Empty(output);
        var line = error.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\u001b', line);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_event_without_the_edit_is_judged()
    {
        var (exit, output, error) = CliRunner.Run("invoke", "--function", "bucket-policy", "--event", "events/bucket-put-vpce-lockout.json", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Contains("\"verdict\": \"breaks\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_UTF_16_with_an_unpaired_surrogate_is_exit_2()
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Root, "events", "bucket-put-vpce-lockout.json")).Replace("jdoe\"", "jdoe\uFFFF\"", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetBytes(text);
        var at = Encoding.Unicode.GetBytes(text[..text.IndexOf('\uFFFF', StringComparison.Ordinal)]).Length;
        bytes[at] = 0x00;
        bytes[at + 1] = 0xD8;

        var (exit, _, error) = CliRunner.RunWithBytes([.. Encoding.Unicode.GetPreamble(), .. bytes], "invoke", "--function", "bucket-policy", "--event", "-", "--dry-run");

        Assert.Equal(2, exit);
        Assert.StartsWith("guardrail: standard input is not valid UTF-16 text", error, StringComparison.Ordinal);
    }
}
