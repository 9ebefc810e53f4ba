using System.Globalization;
using System.Text;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Testing.Adversarial;

/// <summary>
/// Policies built to make a judge slow: the reproductions of issue 7 (constants multiplying across dimensions,
/// many statements times many table locations, one-megabyte documents, far-future dates) and their cross-account
/// variants where allows must be combined. Shared by the benchmarks (speed, memory) and the tests (verdicts).
/// </summary>
public static class AdversarialPolicies
{
    /// <summary>The bucket every generated policy protects.</summary>
    public const string Bucket = "datalake";

    /// <summary>The Spectrum role of every generated case.</summary>
    public const string RoleArnText = "arn:aws:iam::123456789012:role/redshift";

    /// <summary>The evaluation time of every generated case.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The families by name, for benchmark parameters and test data.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["dates-x-ages", "ages-5000", "one-value-statements-3000", "statements-1000-x-prefixes-100", "megabyte", "far-future", "cross-account-allows", "cross-account-dates-x-ages"];

    /// <summary>A generated case: the policy text and who reads the bucket.</summary>
    public sealed record Case(string Name, string Policy, BucketCheckOptions Options);

    /// <summary>Builds the named family.</summary>
    public static Case Build(string name) => name switch
    {
        "dates-x-ages" => new(name, Policy(DenyDatesAndAges(100, 1000)), Options(1)),
        "ages-5000" => new(name, Policy(DenyDatesAndAges(0, 5000)), Options(10)),
        "one-value-statements-3000" => new(name, Policy(Enumerable.Range(0, 3000).Select(i => DenyDatesAndAges(0, 1, i * 997 % 3_600_000))), Options(1)),
        "statements-1000-x-prefixes-100" => new(name, Policy(Enumerable.Range(0, 1000).Select(MixedStatement)), Options(100)),
        "megabyte" => new(name, Megabyte(), Options(1)),
        "far-future" => new(name, Policy([FarFuture()]), Options(1)),
        "cross-account-allows" => new(name, Policy(Enumerable.Range(0, 300).Select(AllowWithDates)), Options(1, crossAccount: true)),
        "cross-account-dates-x-ages" => new(name, Policy(AllowDatesAndAges(100, 1000)), Options(1, crossAccount: true)),
        _ => throw new ArgumentException($"unknown family {name}", nameof(name)),
    };

    /// <summary>A realistic 20 KB bucket policy: the yardstick the families are compared with.</summary>
    public static Case Normal() =>
        new("normal-20kb", File.ReadAllText(RepoRoot.Of("bench", "data", "large-bucket-policy.json")), Options(1));

    private static BucketCheckOptions Options(int prefixes, bool crossAccount = false) =>
        new(
            Bucket,
            [RoleArn.Parse(RoleArnText)],
            crossAccount ? "111122223333" : null,
            ClusterKind.Provisioned,
            [],
            [.. Enumerable.Range(0, prefixes).Select(i => $"table{i}/")],
            "o-abcdef1234",
            Now);

    private static string Policy(params IEnumerable<string> statements) =>
        $"{{\"Version\":\"2012-10-17\",\"Statement\":[{string.Join(",", statements)}]}}";

    private static string Dates(int count, int offsetDays = 30) =>
        string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{Now.AddDays(offsetDays + i).AddSeconds(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\""));

    private static string Ages(int count, long first = 1) =>
        string.Join(",", Enumerable.Range(0, count).Select(i => ((first + (i * 3_607L)) % 3_600_000).ToString(CultureInfo.InvariantCulture)).Select(v => $"\"{v}\""));

    private static string DenyDatesAndAges(int dates, int ages, long firstAge = 1)
    {
        var conditions = new List<string> { $"\"NumericLessThan\":{{\"s3:signatureAge\":[{Ages(ages, firstAge)}]}}" };
        if (dates > 0)
        {
            conditions.Add($"\"DateLessThan\":{{\"aws:CurrentTime\":[{Dates(dates)}]}}");
        }

        return $"{{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{Bucket}/*\",\"Condition\":{{{string.Join(",", conditions)}}}}}";
    }

    private static string AllowDatesAndAges(int dates, int ages) =>
        $"{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"{RoleArnText}\"}},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::{Bucket}\",\"arn:aws:s3:::{Bucket}/*\"]," +
        $"\"Condition\":{{\"NumericLessThan\":{{\"s3:signatureAge\":[{Ages(ages)}]}},\"DateGreaterThan\":{{\"aws:CurrentTime\":[{Dates(dates, -400)}]}}}}}}";

    private static string AllowWithDates(int i) =>
        $"{{\"Sid\":\"Window{i}\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"{RoleArnText}\"}},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::{Bucket}\",\"arn:aws:s3:::{Bucket}/table0/part{i}*\"]," +
        $"\"Condition\":{{\"DateGreaterThan\":{{\"aws:CurrentTime\":\"{Now.AddDays(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\"}},\"NumericLessThan\":{{\"s3:signatureAge\":\"{(i * 9_973L) % 3_600_000}\"}}}}}}";

    /// <summary>Denies on other roles, other folders, other actions and a few real conditions: the common shapes of a big policy.</summary>
    private static string MixedStatement(int i) => (i % 5) switch
    {
        0 => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Deny\",\"Principal\":{{\"AWS\":\"arn:aws:iam::123456789012:role/etl{i}\"}},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::{Bucket}/*\"}}",
        1 => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{Bucket}/private{i}/*\"}}",
        2 => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::{Bucket}/*\",\"Condition\":{{\"StringNotEquals\":{{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}}}}",
        3 => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::{Bucket}/table{i % 100}/*\",\"Condition\":{{\"Bool\":{{\"aws:SecureTransport\":\"false\"}},\"NumericLessThan\":{{\"s3:signatureAge\":\"{600_000 + i}\"}}}}}}",
        _ => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::444455556666:role/reader{i}\"}},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::{Bucket}\",\"arn:aws:s3:::{Bucket}/table{i % 100}/*\"],\"Condition\":{{\"DateLessThan\":{{\"aws:CurrentTime\":\"{Now.AddDays(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}}}}}",
    };

    /// <summary>About a megabyte: mixed statements until the document passes 1,000,000 bytes.</summary>
    private static string Megabyte()
    {
        var text = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (var i = 0; text.Length < 1_000_000 - 400; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(MixedStatement(i));
        }

        return text.Append("]}").ToString();
    }

    private static string FarFuture() =>
        $"{{\"Sid\":\"FarFuture\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::{Bucket}\",\"arn:aws:s3:::{Bucket}/*\"]," +
        "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"9999-12-31T23:59:59Z\"},\"NumericLessThan\":{\"aws:EpochTime\":\"253402300799\",\"s3:signatureAge\":\"79228162514264337593543950335\"}}}";
}
