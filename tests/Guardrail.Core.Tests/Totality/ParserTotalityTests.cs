using CsCheck;
using Guardrail.Core.Conditions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;
using Guardrail.Core.Text;

namespace Guardrail.Core.Tests.Totality;

/// <summary>
/// Every input gives a policy or a <see cref="PolicyParseException"/> with a one-line, bounded message; the value
/// readers and identifier checks answer for every string. Nothing else may escape: an exception the CLI does not
/// expect is exit 4, and in the functions a dropped change.
/// </summary>
public sealed partial class ParserTotalityTests
{
    private const string Resource = "\"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"";

    // Values chosen to hit every reader's edges: unpaired surrogate escapes, control characters, numbers and dates
    // past their ranges, IP shorthand and zone ids, empty strings, JSON escapes of known names.
    private static readonly Gen<string> HostileValue = Gen.OneOf(
        Gen.Const("\"\\ud800\""), Gen.Const("\"\\udfff\\ud800\""), Gen.Const("\"a\\u0000b\""), Gen.Const("\"\\u001b[31m\""),
        Gen.Const("\"\""), Gen.Const("\"9999-12-31T23:59:59Z\""), Gen.Const("\"253402300800\""), Gen.Const("\"10000-01-01\""),
        Gen.Const("79228162514264337593543950336"), Gen.Const("-1e28"), Gen.Const("1e400"), Gen.Const("\"fe80::1%eth0\""),
        Gen.Const("\"10.1\""), Gen.Const("\"::ffff:10.0.0.1/128\""), Gen.Const("true"), Gen.Const("null"), Gen.Const("[]"), Gen.Const("{}"),
        Gen.Const("\"\\ud83d\\ude00\""), Gen.String[Gen.Char, 0, 12].Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    private static readonly Gen<string> Operator = Gen.OneOf(
        Gen.Const("StringEquals"), Gen.Const("NumericLessThan"), Gen.Const("DateGreaterThan"), Gen.Const("IpAddress"),
        Gen.Const("Bool"), Gen.Const("BinaryEquals"), Gen.Const("ArnLike"), Gen.Const("Null"), Gen.Const("ForAnyValue:NumericEqualsIfExists"),
        Gen.Const("\\ud800"), Gen.Const("String\\u0007Equals"));

    private static readonly Gen<string> Key = Gen.OneOf(Gen.Const("aws:CurrentTime"), Gen.Const("aws:EpochTime"), Gen.Const("s3:signatureAge"), Gen.Const("aws:SourceIp"), Gen.Const("\\udc00"), Gen.Const(""));

    private static readonly Gen<string> Document = Gen.Select(Operator, Key, HostileValue, HostileValue, (op, key, sid, value) =>
        $"{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Sid\": {sid}, \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", {Resource}, \"Condition\": {{\"{op}\": {{\"{key}\": {value}}}}}}}]}}");

    [Fact]
    public void Hostile_documents_give_a_policy_or_a_one_line_parse_error()
    {
        Document.Sample(text => ParsesOrFailsInOneLine(text, PolicyKind.Bucket), iter: 3000);
    }

    [Fact]
    public void Any_text_at_all_gives_a_policy_or_a_parse_error()
    {
        Gen.String[Gen.Char, 0, 60].Sample(text => ParsesOrFailsInOneLine(text, PolicyKind.Trust), iter: 3000);
    }

    [Fact]
    public void Value_readers_and_identifier_checks_answer_for_every_string()
    {
        // Any characters, and strings from the alphabets of numbers, dates, addresses and base64, where the edges are.
        Gen.OneOf(Gen.String[Gen.Char, 0, 40], Gen.String[Gen.Char["0123456789.-+:TZe/ "], 0, 30], Gen.String[Gen.Char["AB01+/= \t\n-"], 0, 16]).Sample(text =>
        {
            if (ConditionValues.TryParseDate(text, out var date))
            {
                Assert.Equal(TimeSpan.Zero, date.Offset);
                Assert.InRange(date, ConditionValues.EarliestDate, ConditionValues.LatestDate);
            }

            // Numbers: a sign, ASCII digits and one decimal point, nothing else (overflow aside).
            var looksDecimal = DecimalText().IsMatch(text);
            Assert.True(!ConditionValues.TryParseNumber(text, out _) || looksDecimal, $"number: {text}");
            Assert.True(ConditionValues.TryParseNumber(text, out _) || !looksDecimal || text.TrimStart('+', '-').Split('.')[0].Length > 28, $"not a number: {text}");
            Assert.Equal(ConditionValues.TryParseBool(text, out _), text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(Convert.TryFromBase64String(text, new byte[text.Length], out _), ConditionValues.IsBase64(text));
            if (IpRange.TryParse(text, out var range))
            {
                Assert.InRange(range!.PrefixLength, 0, 128);
            }

            Assert.Equal(RoleArn.TryParse(text, out var role), RoleArn.Problem(text) is null);
            Assert.True(role is null || role.Name.Length is >= 1 and <= RoleArn.MaxNameLength);
            foreach (var problem in new[] { AwsIdentifiers.BucketNameProblem(text), AwsIdentifiers.AccountIdProblem(text), AwsIdentifiers.VpceIdProblem(text), AwsIdentifiers.OrgIdProblem(text), AwsIdentifiers.SnsTopicArnProblem(text), AwsIdentifiers.KeyPrefixProblem(text), RoleArn.Problem(text) })
            {
                if (problem is not null)
                {
                    AssertOneSafeLine(problem);
                }
            }
        }, iter: 5000);
    }

    [Fact]
    public void An_unpaired_surrogate_in_the_text_itself_is_a_parse_error_that_says_where()
    {
        var text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"a\ud800\"}]}";

        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text, PolicyKind.Bucket));

        Assert.Equal($"the policy text is not valid Unicode: an unpaired UTF-16 surrogate at character {text.IndexOf('\ud800', StringComparison.Ordinal) + 1}", error.Message);
    }

    [Fact]
    public void A_900_KB_value_is_echoed_cut_to_one_short_line()
    {
        var text = $"{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"{new string('x', 900_000)}\\u001b[31m\"}}]}}";

        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text, PolicyKind.Bucket));

        Assert.Equal($"Statement[0].Effect: expected \"Allow\" or \"Deny\", got \"{new string('x', SafeText.EchoLength)}…\"", error.Message);
    }

    [Fact]
    public void Element_names_written_with_escapes_are_still_known()
    {
        var text = $"{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Eff\\u0065ct\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", {Resource}}}]}}";

        var policy = PolicyParser.Parse(text, PolicyKind.Bucket);

        Assert.Equal(Policies.Effect.Allow, policy.Statements[0].Effect);
    }

    [Fact]
    public void Seventy_thousand_condition_keys_parse_and_a_late_duplicate_is_found()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 70_000).Select(i => $"\"k:{i}\": \"v\""));
        var valid = $"{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", {Resource}, \"Condition\": {{\"StringEquals\": {{{keys}}}}}}}]}}";
        var duplicate = valid.Replace("\"k:69999\"", "\"K:12345\"", StringComparison.Ordinal);

        var policy = PolicyParser.Parse(valid, PolicyKind.Bucket);
        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(duplicate, PolicyKind.Bucket));

        Assert.Equal(70_000, policy.Statements[0].Conditions.Count);
        Assert.Equal("Statement[0].Condition.StringEquals.K:12345: duplicate condition key \"K:12345\"", error.Message);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)\z")]
    private static partial System.Text.RegularExpressions.Regex DecimalText();

    private static void ParsesOrFailsInOneLine(string text, PolicyKind kind)
    {
        try
        {
            PolicyParser.Parse(text, kind);
        }
        catch (PolicyParseException e)
        {
            AssertOneSafeLine(e.Message);
        }
    }

    private static void AssertOneSafeLine(string message)
    {
        Assert.True(message.Length <= SafeText.LineLength, $"{message.Length} characters");
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < message.Length && char.IsLowSurrogate(message[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(message[i - 1]));
            Assert.False(char.IsControl(c) || !paired, $"unescaped U+{(int)c:X4} in: {message}");
        }
    }
}
