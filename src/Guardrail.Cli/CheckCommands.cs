using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary><c>guardrail check bucket-policy</c>, <c>guardrail check trust-policy</c> and <c>guardrail check path</c> (<see cref="PathCommand"/>).</summary>
public static class CheckCommands
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliEnvironment env)
    {
        var check = new Command("check", "Check a policy before (or after) it ships: can Redshift Spectrum still read, and is the policy still locked down?");
        check.Add(BucketPolicy(env));
        check.Add(TrustPolicy(env));
        check.Add(PathCommand.Create(env));
        return check;
    }

    private static Option<string> PolicyOption() => new("--policy")
    {
        Description = $"The policy JSON file, or - to read standard input (UTF-8, or UTF-16 with a byte order mark; at most {InputText.MaxSizeText}).",
        Required = true,
        HelpName = "FILE|-",
    };

    internal static Option<string> FormatOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "text for people (default), json for pipelines.",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    internal static OutputFormat ParseFormat(string? value) => value == "json" ? OutputFormat.Json : OutputFormat.Text;

    private static Command BucketPolicy(CliEnvironment env)
    {
        var policy = PolicyOption();
        var bucket = new Option<string>("--bucket") { Description = "The bucket the policy is attached to.", Required = true, HelpName = "NAME" };
        var role = new Option<string>("--spectrum-role")
        {
            Description = "The cluster's IAM role ARN; a chain is written as Redshift does, arnA,arnB (the last role reads S3).",
            Required = true,
            HelpName = "ROLE_ARN",
        };
        var account = new Option<string?>("--bucket-account") { Description = "The bucket owner's account ID (default: the role's account; another account means cross-account).", HelpName = "ACCOUNT_ID" };
        var cluster = new Option<string>("--cluster")
        {
            Description = "provisioned (RA3/DC2: Spectrum reads from outside your VPC) or serverless (through your VPC endpoints).",
            DefaultValueFactory = _ => "provisioned",
        };
        cluster.AcceptOnlyFromAmong("provisioned", "serverless");
        var vpce = new Option<string[]>("--vpce") { Description = "A VPC endpoint the serverless workgroup uses (repeatable).", HelpName = "VPCE_ID", AllowMultipleArgumentsPerToken = false };
        var prefix = new Option<string[]>("--prefix") { Description = "A table location (key prefix) Spectrum reads (repeatable); without it, which objects are read is unknown.", HelpName = "KEY_PREFIX" };
        var org = new Option<string?>("--org-id") { Description = "The role's AWS Organizations ID, if conditions use aws:PrincipalOrgID.", HelpName = "O-ID" };
        var format = FormatOption();

        var command = new Command("bucket-policy", "Check an S3 bucket policy against the requests Redshift Spectrum makes.")
        {
            policy, bucket, role, account, cluster, vpce, prefix, org, format,
        };
        command.SetAction(parse => Guarded(env, () =>
        {
            var bucketName = InputValidation.Bucket(parse.GetValue(bucket)!);
            var options = new BucketCheckOptions(
                bucketName,
                InputValidation.Roles(parse.GetValue(role)!, "--spectrum-role"),
                InputValidation.Account(parse.GetValue(account)),
                parse.GetValue(cluster) == "serverless" ? ClusterKind.Serverless : ClusterKind.Provisioned,
                InputValidation.Vpces(parse.GetValue(vpce) ?? []),
                InputValidation.Prefixes(parse.GetValue(prefix) ?? [], bucketName),
                InputValidation.OrgId(parse.GetValue(org)),
                env.Clock());
            var document = PolicyInput.Read(parse.GetValue(policy)!, PolicyKind.Bucket, env);
            var verdict = BucketPolicyEvaluator.Evaluate(document, options);
            var subject = $"s3://{bucketName} as {options.ReadingRole.Arn}" + (options.IsCrossAccount ? $" (cross-account: bucket in {options.EffectiveBucketAccount})" : string.Empty);
            Print(env, ParseFormat(parse.GetValue(format)), verdict, subject, writer =>
            {
                writer.WriteString("type", "bucket-policy");
                writer.WriteString("bucket", bucketName);
                writer.WriteString("spectrumRole", options.ReadingRole.Arn);
                writer.WriteString("bucketAccount", options.EffectiveBucketAccount);
                writer.WriteBoolean("crossAccount", options.IsCrossAccount);
                writer.WriteString("cluster", options.Cluster.ToString().ToLowerInvariant());
            });
            return ExitCodeFor(verdict);
        }));
        return command;
    }

    private static Command TrustPolicy(CliEnvironment env)
    {
        var policy = PolicyOption();
        var role = new Option<string>("--role")
        {
            Description = "The role whose trust policy this is. For a role chain, give the chain up to this role (arnA,arnB): it must trust the role before it.",
            Required = true,
            HelpName = "ROLE_ARN",
        };
        var format = FormatOption();
        var command = new Command("trust-policy", "Check a role trust policy: Redshift must be able to assume the role, and nobody else.")
        {
            policy, role, format,
        };
        command.SetAction(parse => Guarded(env, () =>
        {
            var options = new TrustCheckOptions(InputValidation.Roles(parse.GetValue(role)!, "--role"), env.Clock());
            var document = PolicyInput.Read(parse.GetValue(policy)!, PolicyKind.Trust, env);
            var verdict = TrustPolicyEvaluator.Evaluate(document, options);
            Print(env, ParseFormat(parse.GetValue(format)), verdict, $"through role {options.Role.Arn}", writer =>
            {
                writer.WriteString("type", "trust-policy");
                writer.WriteString("role", options.Role.Arn);
                if (options.PreviousRole is { } previous)
                {
                    writer.WriteString("assumedBy", previous.Arn);
                }
                else
                {
                    writer.WriteString("assumedBy", RedshiftPrincipal.Global);
                }
            });
            return ExitCodeFor(verdict);
        }));
        return command;
    }

    private static void Print(CliEnvironment env, OutputFormat format, Verdict verdict, string subject, Action<Utf8JsonWriter> writeResource)
    {
        if (format == OutputFormat.Text)
        {
            VerdictTextWriter.Write(env.Out, verdict, subject, env.Colour);
            return;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            VerdictJson.WriteProperties(writer, verdict);
            writer.WriteStartObject("resource");
            writeResource(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        env.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static int ExitCodeFor(Verdict verdict) => ExitCodeFor(verdict.Access);

    internal static int ExitCodeFor(AccessVerdict access) => access switch
    {
        AccessVerdict.Ok => ExitCodes.Ok,
        AccessVerdict.AtRisk => ExitCodes.AtRisk,
        _ => ExitCodes.Breaks,
    };

    /// <summary>Runs an action; input problems become a one-line message and exit code 2, never a stack trace.</summary>
    internal static int Guarded(CliEnvironment env, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            env.Error.WriteLine(SafeText.Line($"guardrail: {e.Message}"));
            return ExitCodes.InvalidInput;
        }
    }
}
