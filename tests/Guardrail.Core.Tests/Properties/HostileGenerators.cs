using CsCheck;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using static Guardrail.Core.Tests.Properties.HostileJson;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// Generators of hostile policies. Valid ones carry values at the edges of what each operator accepts (year 1/9999
/// dates, epoch extremes, long/decimal limits, IPv6 corners, control characters, odd Unicode, very long strings),
/// unknown-but-legal keys, operator/qualifier mixes, huge arrays, many statements and policy variables, mixed with
/// the ordinary statements of <see cref="PolicyGenerators"/>. Damaged ones add what the parser must reject: unknown
/// operators and elements, wrong JSON types, values an operator cannot read (1e400, NaN, 2026-13-01), duplicates,
/// nesting past any depth limit, and broken text. Lone surrogates appear in both, rarely, so that one known crash
/// does not hide the others. Sizes are capped so one case stays small: the point is reaching every branch with odd
/// values, not volume (the benchmarks do volume).
/// </summary>
internal static class HostileGenerators
{
    public static readonly RoleArn Hop = RoleArn.Parse("arn:aws:iam::111122223333:role/hop");

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private enum Family
    {
        String,
        Numeric,
        Date,
        Bool,
        Binary,
        Ip,
        Arn,
        Null,
        Unknown,
    }

    private static readonly (string Name, Family Family)[] BaseOperators =
    [
        ("StringEquals", Family.String), ("StringNotEquals", Family.String), ("StringEqualsIgnoreCase", Family.String),
        ("StringNotEqualsIgnoreCase", Family.String), ("StringLike", Family.String), ("StringNotLike", Family.String),
        ("NumericEquals", Family.Numeric), ("NumericNotEquals", Family.Numeric), ("NumericLessThan", Family.Numeric),
        ("NumericLessThanEquals", Family.Numeric), ("NumericGreaterThan", Family.Numeric), ("NumericGreaterThanEquals", Family.Numeric),
        ("DateEquals", Family.Date), ("DateNotEquals", Family.Date), ("DateLessThan", Family.Date),
        ("DateLessThanEquals", Family.Date), ("DateGreaterThan", Family.Date), ("DateGreaterThanEquals", Family.Date),
        ("Bool", Family.Bool), ("BinaryEquals", Family.Binary), ("IpAddress", Family.Ip), ("NotIpAddress", Family.Ip),
        ("ArnEquals", Family.Arn), ("ArnLike", Family.Arn), ("ArnNotEquals", Family.Arn), ("ArnNotLike", Family.Arn),
        ("Null", Family.Null),
    ];

    private static readonly Gen<string> OddText = Gen.OneOf(
        "", " ", "*", "?", "**?*", "${aws:username}", "${", "${}", "${*}", "${?}", "${$}", "$${aws:userid}}", "${aws:PrincipalTag/${aws:username}}",
        "\ud83d\ude00", "\0", "\u001b[31mred\u001b[0m", "line\nbreak", "\r\n", "\t", "\u2028", "\u200b", "\ufeff", "Ａ", "١٢٣٤٥٦٧٨٩٠١٢", "e\u0301",
        "İ", "ß", "\uffff", "\ufffd", "a/../b", "//", "\\", "\"quoted\"");

    // Any text but lone surrogates (see WithLoneSurrogate).
    private static readonly Gen<string> Text = Gen.Frequency(
        (12, OddText),
        (4, Gen.String[Gen.Char['\0', '\ud7ff'], 0, 24]),
        (4, Gen.Int[100, 2_000].Select(n => new string('x', n))),
        (1, Gen.OneOf(1, 2).Select(n => new string('y', n * 40_000))));

    private static readonly Gen<string> Dates = Gen.OneOf(
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "9999-06-01T00:00:00Z", "9999-12-31", "0001-01-01T00:00:00Z", "0001-01-01",
        "2026-11-27T00:00:00Z", "2026-11-27T00:00:00.000Z", "2026-11-27T00:00:00+14:00", "2026-11-26T23:59:59-12:00", "2027-01-01",
        "2030-01-01T00:00:00Z", "253402300799", "253402300798", "-62135596800", "0", "-1", "1764201600");

    private static readonly Gen<string> BadDates = Gen.OneOf(
        "2026-02-30T00:00:00Z", "2026-13-01", "10000-01-01T00:00:00Z", "253402300800", "-62135596801", "1e10", "9223372036854775807",
        "-9223372036854775808", "1700000000000", "2026-11-27T24:00:00Z", "2026-W48", "now", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00");

    private static readonly Gen<string> Numbers = Gen.OneOf(
        "0", "-0", "0.0", "1", "3599999", "3600000", "3600001", "600000", "1.5", "3599999.9999999999999999999999", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "79228162514264337593543950335", "-79228162514264337593543950335",
        "0.0000000000000000000000000001", "0.00000000000000000000000000001", "+5", "-3600000");

    private static readonly Gen<string> BadNumbers = Gen.OneOf(
        "1e400", "-1e400", "1E-400", "1e28", "79228162514264337593543950336", "NaN", "Infinity", "-Infinity", " 1", "1_000", "0x10", "١٢٣", "");

    private static readonly Gen<string> Ips = Gen.OneOf(
        "0.0.0.0/0", "255.255.255.255/32", "255.255.255.255", "1.2.3.4/0", "203.0.113.0/24", "::/0", "::", "::1/128", "1.2.3",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::ffff:10.0.0.1", "::ffff:0:0/96", "2001:db8::/32", "fe80::1%eth0", "01.02.03.04", "0x7f.0.0.1");

    private static readonly Gen<string> BadIps = Gen.OneOf("10.0.0.1/33", "10.0.0.1/-1", "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "", "10.0.0.1/", "/8");

    private static readonly Gen<string> Arns = Gen.OneOf(
        PolicyGenerators.Role.Arn, Hop.Arn, "arn:aws:iam::123456789012:role/*", "arn:aws:iam::*:role/redshift", "arn:*", "*", "arn:aws:iam::123456789012:root",
        "arn:aws:iam::123456789012:role/a/", "arn:aws:iam::123456789012:role/a//b", "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/x", "arn:aws:sts::123456789012:assumed-role/redshift/*",
        "arn:aws-cn:iam::123456789012:role/redshift", "arn:aws:iam::123456789012:role/" + new string('r', 300), "arn::::", "arn:aws:s3:::" + PolicyGenerators.Bucket + "/*");

    private static readonly Gen<string> Strings = Gen.OneOf(
        "vpce-0a1b2c3d4e5f60718", "vpc-1a2b3c4d", "REST-QUERY-STRING", "REST-HEADER", "POST", "AWS Redshift/Spectrum", "o-abcdef1234", "o-abcdef1234/*",
        "123456789012", "111122223333", "sales/", "sales/*", "sales/2024/", "TLSv1.2", "1.2", "AWS4-HMAC-SHA256", "redshift.amazonaws.com", "AssumedRole",
        "*a*a*a*a*a*a*a*a*b", "?????????????", "${aws:PrincipalAccount}", "${aws:username}/*", "true", "3600000", "9999-12-31T23:59:59Z");

    private static readonly Gen<string> Keys = Gen.OneOf(
        "aws:CurrentTime", "aws:EpochTime", "aws:TokenIssueTime", "s3:signatureAge", "aws:MultiFactorAuthAge", "s3:max-keys", "aws:SourceIp", "aws:VpcSourceIp",
        "aws:SourceVpce", "aws:SourceVpc", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalType",
        "aws:PrincipalTag/team", "aws:PrincipalTag/${aws:username}", "aws:userid", "aws:username", "aws:UserAgent", "aws:SecureTransport",
        "aws:MultiFactorAuthPresent", "aws:TagKeys", "aws:RequestTag/k", "aws:ResourceTag/k", "aws:CalledVia", "aws:ViaAWSService", "aws:SourceArn",
        "aws:SourceAccount", "aws:ResourceAccount", "aws:RequestedRegion", "s3:prefix", "s3:authType", "s3:TlsVersion", "s3:signatureversion",
        "s3:x-amz-acl", "s3:ExistingObjectTag/k", "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity", "unknown:Key", "aws:", ":",
        "x" + new string('k', 500));

    // The keys each family is usually written with, so that edge values meet the keys Spectrum's requests carry.
    private static Gen<string> KeysOf(Family family) => family switch
    {
        Family.Date => Gen.OneOf("aws:CurrentTime", "aws:EpochTime", "aws:TokenIssueTime"),
        Family.Numeric => Gen.OneOf("s3:signatureAge", "s3:signatureAge", "aws:EpochTime", "aws:MultiFactorAuthAge", "s3:max-keys"),
        Family.Ip => Gen.OneOf("aws:SourceIp", "aws:VpcSourceIp"),
        Family.Arn => Gen.OneOf("aws:PrincipalArn", "aws:SourceArn"),
        Family.Bool => Gen.OneOf("aws:SecureTransport", "aws:MultiFactorAuthPresent", "aws:ViaAWSService"),
        _ => Keys,
    };

    private static Gen<string> ValuesOf(Family family, bool damaged)
    {
        var (typical, bad) = family switch
        {
            Family.Date => (Dates, BadDates),
            Family.Numeric => (Numbers, BadNumbers),
            Family.Ip => (Ips, BadIps),
            Family.Arn => (Arns, Gen.Const("")),
            Family.Bool or Family.Null => (Gen.OneOf("true", "false", "True", "FALSE"), Gen.OneOf("1", "yes", "")),
            Family.Binary => (Gen.OneOf("AAEC", "", "QQ=="), Gen.OneOf("====", "not base64")),
            _ => (Gen.Frequency((4, Strings), (1, Dates), (1, Numbers), (1, Ips)), Gen.Const("")),
        };
        var valid = family is Family.String or Family.Arn or Family.Unknown ? Gen.Frequency((3, typical), (1, Text)) : typical;
        return damaged ? Gen.Frequency((4, valid), (1, bad), (1, Text)) : valid;
    }

    // Raw JSON tokens: a policy may write 3600000 or true unquoted; the parser reads the token's text.
    private static Gen<string> Tokens(Family family) => family switch
    {
        Family.Numeric => Gen.OneOf("0", "-0", "3600000", "9223372036854775808", "79228162514264337593543950335", "1.5"),
        Family.Date => Gen.OneOf("0", "253402300799", "-62135596800", "1764201600"),
        Family.Bool or Family.Null => Gen.OneOf("true", "false"),
        Family.String or Family.Arn or Family.Unknown => Gen.OneOf("0", "-0", "1e400", "-1", "1.0E+2", "253402300800", "true", "false"),
        _ => ValuesOf(family, damaged: false).Select(Str).Select(json => json.ToString()),
    };

    private static Gen<HostileJson> Scalar(Family family, bool damaged)
    {
        var valid = Gen.Frequency((6, ValuesOf(family, damaged).Select(Str)), (1, Tokens(family).Select(Token)));
        return damaged ? Gen.Frequency((10, valid), (1, Gen.OneOf("null", "{}", "[]", "[[\"a\"]]", "1e400", "NaN").Select(Token))) : valid;
    }

    private static Gen<HostileJson> ConditionValues(Family family, bool damaged)
    {
        var valid = Gen.Frequency(
            (8, Scalar(family, damaged)),
            (6, Scalar(family, damaged).List[1, 4].Select(Arr)),
            (1, Scalar(family, damaged).List[10, 40].Select(Arr)));
        return damaged ? Gen.Frequency((10, valid), (1, Gen.Int[20, 80].Select(Deep)), (1, Gen.Const(Token("[]")))) : valid;
    }

    private static Gen<(string Name, Family Family)> Operators(bool damaged)
    {
        // Null takes no IfExists: IAM rejects NullIfExists, and so does the parser.
        var valid = Gen.Select(
            Gen.OneOf("", "", "", "ForAnyValue:", "ForAllValues:"), Gen.OneOf(BaseOperators), Gen.OneOf("", "", "IfExists"),
            (set, op, ifExists) => (set + op.Name + (op.Family == Family.Null ? string.Empty : ifExists), op.Family));
        var unknown = Gen.OneOf(
            "StringEqualz", "ForSomeValue:StringEquals", "IfExists", "ForAnyValue:", "BoolIfExistsIfExists", "", "ForAllValues:ForAnyValue:StringLike",
            "String\u0000Equals", ":", "ForAnyValue:IfExists").Select(name => (name, Family.Unknown));
        return damaged ? Gen.Frequency((12, valid), (1, unknown)) : valid;
    }

    private static Gen<(string Name, HostileJson Value)> OperatorBlock(bool damaged) =>
        Operators(damaged).SelectMany(op =>
            Gen.Select(
                damaged
                    ? Gen.Frequency((3, KeysOf(op.Family)), (1, Keys), (1, Keys.Select(k => k.ToUpperInvariant())), (1, Gen.OneOf(" ", "")))
                    : Gen.Frequency((3, KeysOf(op.Family)), (1, Keys), (1, Keys.Select(k => k.ToUpperInvariant()))),
                ConditionValues(op.Family, damaged),
                (key, values) => (key, values))
            .List[1, 3]
            .Select(keys => (op.Name, Obj(Members(keys, damaged)))));

    private static Gen<HostileJson> Condition(bool damaged)
    {
        var valid = Gen.Frequency((12, OperatorBlock(damaged).List[1, 4]), (1, OperatorBlock(damaged).List[8, 16]))
            .Select(blocks => Obj(Members(blocks, damaged)));
        return damaged
            ? Gen.Frequency((12, valid), (1, Gen.OneOf("[]", "\"\"", "{}", "null", "{\"StringEquals\":{}}", "{\"StringEquals\":[]}").Select(Token)))
            : valid;
    }

    // A Condition block holds each operator, and each operator each key, once (names compare without case);
    // a damaged one may repeat them.
    private static (string, HostileJson)[] Members(IEnumerable<(string Name, HostileJson Value)> members, bool damaged) =>
        damaged ? [.. members] : [.. members.DistinctBy(m => m.Name.ToUpperInvariant())];

    // A bare string or an array of 1–4 entries, sometimes hundreds.
    private static Gen<HostileJson> List(Gen<string> entries, bool damaged)
    {
        var valid = Gen.Frequency(
            (6, entries.Select(Str)),
            (6, entries.List[1, 4].Select(items => Arr(items.Select(Str)))),
            (1, entries.List[100, 300].Select(items => Arr(items.Select(Str)))));
        return damaged ? Gen.Frequency((12, valid), (1, Gen.OneOf("[]", "\"\"", "[1]", "[null]", "{}", "[\"\"]").Select(Token))) : valid;
    }

    private static readonly Gen<string> Actions = Gen.OneOf(
        "s3:GetObject", "s3:ListBucket", "s3:*", "s3:List*", "s3:Get*", "s3:?etObject", "S3:GETOBJECT", "s3:PutObject", "*", "*:*", "s3:", "s3:GetObject*",
        "sts:AssumeRole", "sts:*", "iam:PassRole", "s3:GetObjectVersion", "s3:ListBucketVersions", "s3:*Object", "s3:" + new string('*', 40));

    private static readonly Gen<string> Resources = Gen.OneOf(
        PolicyGenerators.BucketArn, PolicyGenerators.BucketArn + "/*", PolicyGenerators.BucketArn + "/sales/*", PolicyGenerators.BucketArn + "/sales/2024/*",
        PolicyGenerators.BucketArn + "/secret/*", PolicyGenerators.BucketArn + "*", PolicyGenerators.BucketArn + "/${aws:username}/*", PolicyGenerators.BucketArn + "/${*}",
        PolicyGenerators.BucketArn + "/*a*a*a*a*a*a*a*a*a*a*a*b", PolicyGenerators.BucketArn + "/s?les/*", PolicyGenerators.BucketArn + "/" + new string('k', 1_100),
        PolicyGenerators.BucketArn + "/sales/\u0000\n*", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:s3:::amzn-s3-demo-bucke?/*", "arn:*", "arn:aws:s3:::", "*",
        "arn:aws:s3:::other/*");

    private static readonly Gen<string> PrincipalValues = Gen.Frequency(
        (4, Arns),
        (1, Gen.OneOf("123456789012", "111122223333", "*", "redshift.amazonaws.com", "cognito-identity.amazonaws.com", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")));

    private static Gen<HostileJson> Principal(bool damaged)
    {
        var valid = Gen.Frequency(
            (3, Gen.Const(Str("*"))),
            (6, Gen.Select(Gen.OneOf("AWS", "AWS", "AWS", "Service", "Federated", "CanonicalUser"), List(PrincipalValues, damaged), (type, value) => Obj((type, value)))),
            (1, Gen.Select(List(PrincipalValues, damaged), List(Gen.OneOf("redshift.amazonaws.com", "s3.amazonaws.com"), damaged), (aws, service) => Obj(("AWS", aws), ("Service", service)))));
        return damaged ? Gen.Frequency((10, valid), (1, Gen.OneOf("\"\"", "{}", "[]", "\"**\"", "{\"AWS\":[]}", "{\"aws\":\"*\"}").Select(Token))) : valid;
    }

    private static Gen<HostileJson?> Sid(bool damaged)
    {
        var valid = Gen.Frequency(
            (1, Gen.Const((HostileJson?)null)),
            (3, Gen.Int[0, 9].Select(i => (HostileJson?)Str($"S{i}"))),
            (3, Text.Select(t => (HostileJson?)Str(t))));
        return damaged ? Gen.Frequency((8, valid), (1, Gen.OneOf("1", "null", "[]").Select(t => (HostileJson?)Token(t)))) : valid;
    }

    private static Gen<string> Effect(bool damaged) =>
        damaged ? Gen.Frequency((20, Gen.OneOf("Allow", "Deny")), (1, Gen.OneOf("allow", "DENY", "Maybe", "", "Deny "))) : Gen.OneOf("Allow", "Deny");

    private static readonly Gen<(string, HostileJson)?> OddElement = Gen.Frequency(
        (20, Gen.Const(((string, HostileJson)?)null)),
        (3, Gen.OneOf("Sidd", "condition", "Principals", "NotCondition", "", "Statement").Select(name => ((string, HostileJson)?)(name, Str("x")))),
        (1, Gen.Int[33, 120].Select(depth => ((string, HostileJson)?)("Condition", Deep(depth)))));

    private static Gen<HostileJson> BucketStatement(bool damaged) => Gen.Select(
        Sid(damaged),
        Effect(damaged),
        Gen.Select(Gen.OneOf("Principal", "Principal", "Principal", "Principal", "NotPrincipal"), Principal(damaged), (name, value) => (name, value)),
        Gen.Select(Gen.OneOf("Action", "Action", "Action", "Action", "NotAction"), List(Actions, damaged), (name, value) => (name, value)),
        Gen.Select(Gen.OneOf("Resource", "Resource", "Resource", "Resource", "NotResource"), List(Resources, damaged), (name, value) => ((string, HostileJson)?)(name, value)),
        Gen.Frequency((2, Gen.Const((HostileJson?)null)), (3, Condition(damaged).Select(c => (HostileJson?)c))),
        damaged ? OddElement : Gen.Const(((string, HostileJson)?)null),
        Gen.Int,
        (sid, effect, principal, action, resource, condition, odd, order) => StatementObject(damaged, sid, effect, principal, action, resource, condition, odd, order));

    private static Gen<HostileJson> TrustStatement(bool damaged) => Gen.Select(
        Sid(damaged),
        Effect(damaged),
        Gen.Frequency(
            (6, List(Gen.OneOf("redshift.amazonaws.com", "redshift.eu-west-1.amazonaws.com", "redshift.amazonaws.com.cn", "REDSHIFT.amazonaws.com", "ec2.amazonaws.com", "*"), damaged)
                .Select(s => ("Principal", Obj(("Service", s))))),
            (3, Principal(damaged).Select(p => ("Principal", p))),
            (1, Principal(damaged).Select(p => ("NotPrincipal", p)))),
        Gen.Frequency(
            (8, List(Gen.OneOf("sts:AssumeRole", "sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "sts:*", "*", "sts:AssumeRoleWithWebIdentity", "s3:GetObject"), damaged)
                .Select(a => ("Action", a))),
            (1, List(Actions, damaged).Select(a => ("NotAction", a)))),
        damaged ? Gen.Frequency((20, Gen.Const(((string, HostileJson)?)null)), (1, List(Resources, damaged).Select(r => ((string, HostileJson)?)("Resource", r)))) : Gen.Const(((string, HostileJson)?)null),
        Gen.Frequency((2, Gen.Const((HostileJson?)null)), (3, Condition(damaged).Select(c => (HostileJson?)c))),
        damaged ? OddElement : Gen.Const(((string, HostileJson)?)null),
        Gen.Int,
        (sid, effect, principal, action, resource, condition, odd, order) => StatementObject(damaged, sid, effect, principal, action, resource, condition, odd, order));

    private static HostileJson StatementObject(
        bool damaged, HostileJson? sid, string effect, (string Name, HostileJson Value) principal, (string, HostileJson) action, (string, HostileJson)? resource,
        HostileJson? condition, (string, HostileJson)? odd, int order)
    {
        // NotPrincipal only goes with Deny; a valid statement keeps to that.
        if (!damaged && effect == "Allow" && principal.Name == "NotPrincipal")
        {
            principal.Name = "Principal";
        }

        var members = new List<(string Name, HostileJson Value)> { ("Effect", Str(effect)), principal, action };
        if (sid is not null)
        {
            members.Add(("Sid", sid));
        }

        if (resource is { } r)
        {
            members.Add(r);
        }

        if (condition is not null)
        {
            members.Add(("Condition", condition));
        }

        if (odd is { } o)
        {
            members.Add(o);
        }

        // Element order carries no meaning in JSON; the parser must not depend on it.
        return Obj([.. members.OrderBy(_ => new Random(order).Next())]);
    }

    private static Gen<HostileJson> Document(Gen<HostileJson> statement, bool withOrdinary, bool damaged) => Gen.Select(
        damaged
            ? Gen.Frequency((6, Gen.Const<string?>(PolicyDocument.CurrentVersion)), (2, Gen.Const<string?>("2008-10-17")), (2, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("2012-10-17 ", "", "2025-01-01")))
            : Gen.Frequency((6, Gen.Const<string?>(PolicyDocument.CurrentVersion)), (2, Gen.Const<string?>("2008-10-17")), (2, Gen.Const((string?)null))),
        Gen.Frequency((8, Gen.Const((string?)null)), (1, Text.Select(t => (string?)t))),
        Gen.Frequency((20, statement.List[1, 6]), (3, statement.List[7, 20]), (1, statement.List[30, 60])),
        withOrdinary ? Gen.Frequency((2, Gen.Const(new List<Statement>())), (1, PolicyGenerators.AnyStatement.List[1, 3])) : Gen.Const(new List<Statement>()),
        damaged ? Gen.Frequency((30, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Int[2, 3])) : Gen.Frequency((30, Gen.Const(0)), (2, Gen.Const(1))),
        (version, id, statements, ordinary, shape) =>
        {
            var all = statements.Concat(ordinary.Select(s => Token(PolicySerializer.StatementToJson(s)))).ToList();
            var statementValue = shape switch
            {
                0 => Arr(all),
                1 => all[0],
                2 => Token("[]"),
                _ => Token("\"*\""),
            };
            var members = new List<(string, HostileJson)>();
            if (version is not null)
            {
                members.Add(("Version", Str(version)));
            }

            if (id is not null)
            {
                members.Add(("Id", Str(id)));
            }

            members.Add(("Statement", statementValue));
            return Obj([.. members]);
        });

    // Nesting far past the parser's depth limit, where a recursive reader would overflow the stack.
    private static HostileJson Deep(int depth) => Token(new string('[', depth) + "\"x\"" + new string(']', depth));

    // Broken text: truncated, a character dropped or added, a BOM, a comment, trailing text.
    private static Gen<string> Damage(string text) => Gen.Frequency(
        (6, Gen.Const(text)),
        (1, Gen.Int[0, text.Length].Select(at => text[..at])),
        (1, Gen.Int[0, Math.Max(0, text.Length - 1)].Select(at => text.Length == 0 ? text : text.Remove(at, 1))),
        (1, Gen.Select(Gen.Int[0, text.Length], Gen.OneOf('{', '}', '[', ']', '"', ':', ',', '\\', '\0', 'x'), (at, c) => text.Insert(at, c.ToString()))),
        (1, Gen.OneOf("\ufeff" + text, text + " garbage", text + "{}", " \n\t" + text + "\n", text + "\0", "/* c */" + text)));

    // A lone surrogate at the start of one string of the text (a name or a value), escaped as JSON allows (\ud800)
    // or, as a caller holding an already-decoded string may pass it, raw. Once in a while only: it is one bug, and
    // it would stop the parser before any other.
    private static Gen<string> WithLoneSurrogate(string text) =>
        Gen.Select(Gen.Int[0, Math.Max(0, text.Count(c => c == '"') - 1)], Gen.OneOf("\\ud800", "\\udc00", "\\udbffx", "\ud800"), (n, surrogate) =>
        {
            var at = -1;
            for (var i = 0; i <= n; i++)
            {
                at = text.IndexOf('"', at + 1);
            }

            return at < 0 ? text : text.Insert(at + 1, surrogate);
        });

    private static Gen<string> Rarely(Gen<string> texts, Func<string, Gen<string>> change) =>
        Gen.Frequency((25, texts), (1, texts.SelectMany(change)));

    // Declared last: static fields initialise in order, and these are built from everything above.

    /// <summary>A bucket policy's text, mostly valid (the evaluator is only reached through the parser).</summary>
    public static readonly Gen<string> BucketPolicies = Rarely(
        Gen.Frequency((5, Document(BucketStatement(false), withOrdinary: true, damaged: false)), (1, Document(BucketStatement(true), withOrdinary: true, damaged: true)))
            .Select(json => json.ToString()),
        WithLoneSurrogate);

    /// <summary>A trust policy's text, mostly valid.</summary>
    public static readonly Gen<string> TrustPolicies = Rarely(
        Gen.Frequency((5, Document(TrustStatement(false), withOrdinary: false, damaged: false)), (1, Document(TrustStatement(true), withOrdinary: false, damaged: true)))
            .Select(json => json.ToString()),
        WithLoneSurrogate);

    /// <summary>Hostile policy text of either kind: valid, damaged in its content, or broken as text.</summary>
    public static readonly Gen<string> Texts = Gen.Frequency(
        (3, Gen.Frequency((4, BucketPolicies), (1, TrustPolicies))),
        (2, Rarely(
            Gen.Frequency((4, Document(BucketStatement(true), withOrdinary: true, damaged: true)), (1, Document(TrustStatement(true), withOrdinary: false, damaged: true)))
                .SelectMany(json => Damage(json.ToString())),
            WithLoneSurrogate)));

    /// <summary>The situations a bucket policy is judged in: <see cref="PolicyGenerators.Options"/>, sometimes through a two-role chain.</summary>
    public static readonly Gen<BucketCheckOptions> BucketOptions = Gen.Frequency(
        (4, PolicyGenerators.Options),
        (1, PolicyGenerators.Options.Select(o => o with { SpectrumRoles = [Hop, PolicyGenerators.Role] })));

    /// <summary>The situations a trust policy is judged in: Redshift assumes the role, or the role before it in a chain does.</summary>
    public static readonly Gen<TrustCheckOptions> TrustOptions = Gen.OneOf(
        new TrustCheckOptions([PolicyGenerators.Role], Now),
        new TrustCheckOptions([Hop, PolicyGenerators.Role], Now));
}
