using Amazon;

namespace Guardrail.Aws;

/// <summary>
/// Where each service is reached: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>, else AWS's own
/// endpoint, so the same code runs against AWS or a local emulator such as moto.
/// </summary>
public sealed class AwsEndpoints
{
    /// <summary>The services the guardrail calls, as their <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> suffixes.</summary>
    public static readonly IReadOnlyList<string> Services = ["S3", "IAM", "SNS", "DYNAMODB", "KMS", "STS", "REDSHIFT", "REDSHIFT_SERVERLESS", "GLUE", "ORGANIZATIONS", "SSM", "LAKEFORMATION", "EC2", "S3_CONTROL", "SQS"];

    private readonly Func<string, string?> environment;

    public AwsEndpoints(Func<string, string?> environment)
    {
        this.environment = environment;
    }

    /// <summary>The Region the functions run in (<c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else us-east-1).</summary>
    public string Region => RegionSetting.Value ?? "us-east-1";

    /// <summary>An endpoint override for the service, or null to use AWS's.</summary>
    public Uri? Override(string serviceEnvName) =>
        (Setting($"AWS_ENDPOINT_URL_{serviceEnvName}") ?? Setting("AWS_ENDPOINT_URL")) is { } value ? new Uri(value) : null;

    /// <summary>IAM is global: its endpoint lives in us-east-1 and requests are signed for us-east-1.</summary>
    public Uri Iam => Override("IAM") ?? new Uri("https://iam.amazonaws.com/");

    public Uri Sns => Override("SNS") ?? new Uri($"https://sns.{Region}.amazonaws.com/");

    /// <summary>A regional service's endpoint: the override for <paramref name="serviceEnvName"/>, else AWS's in <paramref name="region"/>.</summary>
    /// <param name="serviceEnvName">The <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> suffix, e.g. <c>REDSHIFT_SERVERLESS</c>.</param>
    /// <param name="hostPrefix">The endpoint's first label, e.g. <c>redshift-serverless</c>.</param>
    /// <param name="region">The Region the resource lives in.</param>
    public Uri Regional(string serviceEnvName, string hostPrefix, string region) =>
        Override(serviceEnvName) ?? new Uri($"https://{hostPrefix}.{region}.amazonaws.com/");

    /// <summary>
    /// S3 Control is reached at an account's own host, <c>ACCOUNT.s3-control.REGION.amazonaws.com</c> (the account also
    /// goes in the <c>x-amz-account-id</c> header); an override is used as it is.
    /// </summary>
    public Uri S3Control(string account, string region) =>
        Override("S3_CONTROL") ?? new Uri($"https://{account}.s3-control.{region}.amazonaws.com/");

    /// <summary>Organizations is global: its endpoint lives in us-east-1 and requests are signed for us-east-1.</summary>
    public Uri Organizations => Override("ORGANIZATIONS") ?? new Uri("https://organizations.us-east-1.amazonaws.com/");

    /// <summary>
    /// What is wrong with the Region and endpoint variables, one line each naming the variable; empty when the
    /// adapters can be built. Checked at cold start so that a typo is reported as configuration, not as a failed call.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var overrides = 0;
        foreach (var name in Services.Select(s => $"AWS_ENDPOINT_URL_{s}").Prepend("AWS_ENDPOINT_URL"))
        {
            if (Setting(name) is not { } value)
            {
                continue;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0)
            {
                overrides += name == "AWS_ENDPOINT_URL" ? Services.Count : 1;
            }
            else
            {
                problems.Add($"{name} {Quote(value)} is not an http:// or https:// URL (like http://127.0.0.1:5000)");
            }
        }

        // An emulator answers for any Region name; AWS only for the ones it has. Without an endpoint for every
        // service, an unknown Region would surface later as an unreachable host.
        var (regionName, region) = RegionSetting;
        if (region is not null && overrides < Services.Count && !RegionEndpoint.EnumerableAllRegions.Any(r => r.SystemName == region))
        {
            problems.Add($"{regionName} {Quote(region)} is not an AWS Region this build knows (like us-east-1); set a Region, or an endpoint with AWS_ENDPOINT_URL");
        }

        return problems;
    }

    private (string Name, string? Value) RegionSetting =>
        Setting("AWS_REGION") is { } region ? ("AWS_REGION", region) : ("AWS_DEFAULT_REGION", Setting("AWS_DEFAULT_REGION"));

    // An empty variable is an unset one, as for the AWS SDKs.
    private string? Setting(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Quote(string value)
    {
        var cut = value.Length > 100 ? value[..100] + "…" : value;
        return "\"" + new string([.. cut.Select(c => char.IsControl(c) ? '?' : c)]) + "\"";
    }
}
