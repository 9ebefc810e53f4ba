using System.CommandLine;
using Guardrail.Cli.Reports;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary><c>guardrail check bucket-policy</c>, <c>guardrail check trust-policy</c> and <c>guardrail check path</c> (<see cref="PathCommand"/>).</summary>
public static class CheckCommands
{
    public static Command Create(CliEnvironment env)
    {
        var check = new Command("check", "Check a policy before (or after) it ships: can Redshift Spectrum still read, and is the policy still locked down?");
        check.Add(BucketPolicy(env));
        check.Add(TrustPolicy(env));
        check.Add(PathCommand.Create(env));
        check.Add(ChangeCommand.Create(env));
        return check;
    }

    private static Option<string> PolicyOption() => new("--policy")
    {
        Description = $"The policy JSON file, or - to read standard input (UTF-8, or UTF-16 with a byte order mark; at most {InputText.MaxSizeText}).",
        Required = true,
        HelpName = "FILE|-",
    };

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
        var output = new CheckOutputOptions();

        var command = new Command("bucket-policy", "Check an S3 bucket policy against the requests Redshift Spectrum makes.")
        {
            policy, bucket, role, account, cluster, vpce, prefix, org,
        };
        output.AddTo(command);
        command.SetAction(parse => Guarded(env, () =>
        {
            var settings = output.Read(parse, env);
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
            var source = PolicySource(parse.GetValue(policy)!, settings);
            var (document, lines) = PolicyInput.ReadWithLines(source, PolicyKind.Bucket, env);
            var verdict = BucketPolicyEvaluator.Evaluate(document, options);
            var subject = $"s3://{bucketName} as {options.ReadingRole.Arn}" + (options.IsCrossAccount ? $" (cross-account: bucket in {options.EffectiveBucketAccount})" : string.Empty);
            var report = PolicyReports.From("bucket-policy", subject, verdict, InputFile(source), lines) with
            {
                ResourceNames = [bucketName, $"arn:aws:s3:::{bucketName}"],
                Resource =
                [
                    ReportProperty.Of("type", "bucket-policy"),
                    ReportProperty.Of("bucket", bucketName),
                    ReportProperty.Of("spectrumRole", options.ReadingRole.Arn),
                    ReportProperty.Of("bucketAccount", options.EffectiveBucketAccount),
                    ReportProperty.Of("crossAccount", options.IsCrossAccount),
                    ReportProperty.Of("cluster", options.Cluster.ToString().ToLowerInvariant()),
                ],
            };
            return settings.Finish(env, report);
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
        var output = new CheckOutputOptions();
        var command = new Command("trust-policy", "Check a role trust policy: Redshift must be able to assume the role, and nobody else.")
        {
            policy, role,
        };
        output.AddTo(command);
        command.SetAction(parse => Guarded(env, () =>
        {
            var settings = output.Read(parse, env);
            var options = new TrustCheckOptions(InputValidation.Roles(parse.GetValue(role)!, "--role"), env.Clock());
            var source = PolicySource(parse.GetValue(policy)!, settings);
            var (document, lines) = PolicyInput.ReadWithLines(source, PolicyKind.Trust, env);
            var verdict = TrustPolicyEvaluator.Evaluate(document, options);
            var report = PolicyReports.From("trust-policy", $"through role {options.Role.Arn}", verdict, InputFile(source), lines) with
            {
                ResourceNames = [options.Role.Arn],
                Resource =
                [
                    ReportProperty.Of("type", "trust-policy"),
                    ReportProperty.Of("role", options.Role.Arn),
                    ReportProperty.Of("assumedBy", options.PreviousRole is { } previous ? previous.Arn : RedshiftPrincipal.Global),
                ],
            };
            return settings.Finish(env, report);
        }));
        return command;
    }

    /// <summary>The input as given, for SARIF and JSON locations; null for standard input.</summary>
    internal static string? InputFile(string source) => source == "-" ? null : source;

    // Standard input can be read once: the policy or the exceptions, not both.
    private static string PolicySource(string source, CheckSettings settings) =>
        source == "-" && settings.ExceptionsFile == "-" ? throw new UsageException("--policy and --exceptions cannot both read standard input") : source;

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
        catch (DocumentProblemsException e)
        {
            foreach (var problem in e.Problems)
            {
                env.Error.WriteLine(SafeText.Line($"guardrail: {e.Message}: {problem}"));
            }

            return ExitCodes.InvalidInput;
        }
    }
}
