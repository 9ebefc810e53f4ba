namespace Guardrail.Aws;

/// <summary>
/// Where each service is reached: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>, else AWS's own
/// endpoint, so the same code runs against AWS or a local emulator such as moto.
/// </summary>
public sealed class AwsEndpoints
{
    private readonly Func<string, string?> environment;

    public AwsEndpoints(Func<string, string?> environment)
    {
        this.environment = environment;
    }

    /// <summary>The Region the functions run in (<c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else us-east-1).</summary>
    public string Region => environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";

    /// <summary>An endpoint override for the service, or null to use AWS's.</summary>
    public Uri? Override(string serviceEnvName)
    {
        var value = environment($"AWS_ENDPOINT_URL_{serviceEnvName}") ?? environment("AWS_ENDPOINT_URL");
        return string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
    }

    /// <summary>IAM is global: its endpoint lives in us-east-1 and requests are signed for us-east-1.</summary>
    public Uri Iam => Override("IAM") ?? new Uri("https://iam.amazonaws.com/");

    public Uri Sns => Override("SNS") ?? new Uri($"https://sns.{Region}.amazonaws.com/");
}
