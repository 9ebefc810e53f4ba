using System.Text;
using System.Text.Json;
using Guardrail.Cli;

namespace Guardrail.Cli.Tests;

/// <summary>
/// The one input path: file and standard input share the size limit and the decoding; every error is one escaped,
/// bounded line on stderr with exit code 2, never exit 4.
/// </summary>
public sealed class InputTests
{
    private const string Role = "arn:aws:iam::123456789012:role/redshift";
    private const string Bucket = "amzn-s3-demo-bucket";

    private const string SeedPolicy = """
        {"Version":"2012-10-17","Statement":[{"Sid":"SpectrumRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/redshift"},
         "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"]}]}
        """;

    private static readonly string[] CheckFromStdin = ["check", "bucket-policy", "--policy", "-", "--bucket", Bucket, "--spectrum-role", Role];

    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(SeedPolicy) },
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SeedPolicy)] },
        { "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(SeedPolicy)] },
        { "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(SeedPolicy)] },
    };

    public static TheoryData<string, byte[], string> BadEncodings => new()
    {
        { "invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"Sid\": \""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")], "standard input is not valid UTF-8 text (an invalid byte sequence at byte 9)" },
        { "UTF-16 with an odd byte", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{}"), 0x41], "standard input is not valid UTF-16 text" },
        { "UTF-16 with an unpaired surrogate", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{\"Sid\":\""), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("\"}")], "standard input is not valid UTF-16 text" },
        { "UTF-32", [0xFF, 0xFE, 0x00, 0x00, .. Encoding.UTF32.GetBytes("{}")], "standard input is UTF-32 text" },
        { "UTF-16 without BOM", Encoding.Unicode.GetBytes("{}"), "invalid policy in standard input: invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Standard_input_is_decoded_by_its_byte_order_mark(string encoding, byte[] bytes)
    {
        var result = CliRunner.RunWithBytes(bytes, CheckFromStdin);

        Assert.True(result.Exit == 0, $"{encoding}: {result.Error}");
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_file_is_decoded_the_same_way(string encoding, byte[] bytes)
    {
        using var file = new TempFile(bytes);

        var result = CliRunner.Run("check", "bucket-policy", "--policy", file.Path, "--bucket", Bucket, "--spectrum-role", Role);

        Assert.True(result.Exit == 0, $"{encoding}: {result.Error}");
    }

    [Theory]
    [MemberData(nameof(BadEncodings))]
    public void Text_that_does_not_decode_exits_2_with_one_line(string what, byte[] bytes, string message)
    {
        var result = CliRunner.RunWithBytes(bytes, CheckFromStdin);

        Assert.True(result.Exit == 2, what);
        AssertOneLine(result.Error);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_and_files_share_the_limit_and_the_limit_is_stated_truthfully()
    {
        var atLimit = Padded(InputText.MaxBytes);
        var overLimit = Padded(InputText.MaxBytes + 1);
        using var bigFile = new TempFile(overLimit);

        var stdinAt = CliRunner.RunWithBytes(atLimit, CheckFromStdin);
        var stdinOver = CliRunner.RunWithBytes(overLimit, CheckFromStdin);
        var fileOver = CliRunner.Run("check", "bucket-policy", "--policy", bigFile.Path, "--bucket", Bucket, "--spectrum-role", Role);

        Assert.True(stdinAt.Exit == 0, stdinAt.Error);
        Assert.Equal(2, stdinOver.Exit);
        Assert.Equal("guardrail: standard input is larger than 1 MiB (1,048,576 bytes), the most the guardrail reads from a file or standard input\n", stdinOver.Error);
        Assert.Equal(2, fileOver.Exit);
        Assert.Contains("is larger than 1 MiB (1,048,576 bytes)", fileOver.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("20 KB", fileOver.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_the_file_system_refuses_exits_2()
    {
        var result = CliRunner.Run("check", "trust-policy", "--policy", "policy\0.json", "--role", Role);

        Assert.Equal(2, result.Exit);
        AssertOneLine(result.Error);
        Assert.Contains("cannot read policy file policy\\u0000.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_pipe_is_not_read_to_its_end()
    {
        using var endless = new EndlessStream();
        var env = new CliEnvironment(endless, new StringWriter(), new StringWriter(), false, () => CliRunner.Now, CliRunner.Root);

        var exit = GuardrailCli.Run(CheckFromStdin, env);

        Assert.Equal(2, exit);
        Assert.InRange(endless.BytesRead, InputText.MaxBytes + 1, InputText.MaxBytes + (128 * 1024));
    }

    [Fact]
    public void Help_states_the_input_limit_and_encodings()
    {
        var result = CliRunner.Run("check", "trust-policy", "--help");

        Assert.Contains("UTF-16 with a byte order mark; at most 1 MiB", result.Out.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sid_escaping_half_a_surrogate_pair_exits_2_not_4()
    {
        var result = CliRunner.RunWithInput(SeedPolicy.Replace("SpectrumRead", "\\ud800", StringComparison.Ordinal), CheckFromStdin);

        Assert.Equal(2, result.Exit);
        AssertOneLine(result.Error);
        Assert.Contains("Statement[0].Sid: is not valid text", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Echoed_values_are_escaped_and_cut_in_one_line()
    {
        var huge = CliRunner.Run("check", "bucket-policy", "--policy", "-", "--bucket", new string('b', 900_000), "--spectrum-role", Role);
        var escape = CliRunner.Run("check", "bucket-policy", "--policy", "-", "--bucket", "\u001b[31mred\nline", "--spectrum-role", Role);
        var role = CliRunner.Run("check", "trust-policy", "--policy", "-", "--role", Role + "\n");

        Assert.Equal(2, huge.Exit);
        AssertOneLine(huge.Error);
        Assert.True(huge.Error.Length < 300, $"{huge.Error.Length} characters");
        Assert.Contains($"\"{new string('b', 100)}…\"", huge.Error, StringComparison.Ordinal);
        Assert.Equal(2, escape.Exit);
        AssertOneLine(escape.Error);
        Assert.Contains("\"\\u001b[31mred\\nline\" is not an S3 bucket name", escape.Error, StringComparison.Ordinal);
        Assert.Equal(2, role.Exit);
        Assert.Contains("redshift\\n\" is not an IAM role ARN", role.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_value_with_escape_sequences_cannot_paint_the_terminal()
    {
        var policy = SeedPolicy.Replace("\"Sid\":\"SpectrumRead\",", "\"Sid\":\"Deny\\u001b[2J\\nFAKE LINE\",", StringComparison.Ordinal)
            .Replace("\"Effect\":\"Allow\"", "\"Effect\":\"Deny\"", StringComparison.Ordinal)
            .Replace("{\"AWS\":\"arn:aws:iam::123456789012:role/redshift\"}", "\"*\"", StringComparison.Ordinal);

        var result = CliRunner.RunWithInput(policy, CheckFromStdin);

        Assert.Equal(1, result.Exit);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain("\nFAKE LINE", result.Out, StringComparison.Ordinal);
        Assert.Contains("in Deny\\u001b[2J\\nFAKE LINE", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_of_2000_roles_exits_2()
    {
        var chain = string.Join(",", Enumerable.Repeat(Role, 2000));

        var result = CliRunner.Run("check", "trust-policy", "--policy", "examples/trust-policies/seed-redshift-only.json", "--role", chain);

        Assert.Equal(2, result.Exit);
        Assert.Equal("guardrail: --role: a role chain has at most 10 roles (Redshift's limit); this one has 2000\n", result.Error);
    }

    [Fact]
    public void An_oversized_trust_policy_is_judged_and_reported_for_information()
    {
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + new string('s', 4100) + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"redshift.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

        var result = CliRunner.RunWithInput(policy, "check", "trust-policy", "--policy", "-", "--role", Role, "--format", "json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("ok", json.RootElement.GetProperty("security").GetString());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("policy-size-limit", finding.GetProperty("rule").GetString());
        Assert.Equal("info", finding.GetProperty("severity").GetString());
        Assert.Equal("security", finding.GetProperty("kind").GetString());
    }

    private static void AssertOneLine(string error)
    {
        Assert.EndsWith("\n", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain('\u001b', error);
        Assert.StartsWith("guardrail: ", error, StringComparison.Ordinal);
    }

    // A policy padded with trailing white space to exactly this many bytes.
    private static byte[] Padded(int bytes)
    {
        var text = Encoding.UTF8.GetBytes(SeedPolicy);
        var padded = new byte[bytes];
        text.CopyTo(padded, 0);
        padded.AsSpan(text.Length).Fill((byte)' ');
        return padded;
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"guardrail-input-{Guid.NewGuid():N}.json");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }

    // Never ends: a runaway producer on the other side of a pipe.
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            BytesRead += count;
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
