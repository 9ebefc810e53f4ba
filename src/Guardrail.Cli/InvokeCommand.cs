using System.CommandLine;
using System.Text;
using Amazon.Runtime;
using Guardrail.Aws.Query;
using Guardrail.Core.Text;
using Guardrail.Functions;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Paths;

namespace Guardrail.Cli;

/// <summary>
/// <c>guardrail invoke</c>: runs a Lambda handler on an event file, locally. With <c>--dry-run</c> no AWS is used;
/// otherwise the configuration and AWS endpoints come from the environment, exactly as in Lambda.
/// Exit codes: 0 the function ran, 1 it failed (an AWS error after retries, could-not-judge, rollback-failed, the deadline), 2 invalid event or configuration.
/// </summary>
public static class InvokeCommand
{
    public const int FunctionFailed = 1;

    public static Command Create(CliEnvironment env)
    {
        var function = new Option<string>("--function") { Description = "Which function to run.", Required = true };
        function.AcceptOnlyFromAmong("bucket-policy", "trust-policy", "drift-scan", "access-path", "hook");
        var eventFile = new Option<string>("--event") { Description = $"The EventBridge event JSON file (see events/), or - for standard input (UTF-8, or UTF-16 with a byte order mark; at most {InputText.MaxSizeText}).", Required = true, HelpName = "FILE|-" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Judge the policy carried in the event without AWS; print the alert it would publish and what it would do." };
        var snapshot = new Option<string?>("--snapshot")
        {
            Description = "With --dry-run --function access-path: judge the change against this access-path snapshot (the format of guardrail check path, see examples/paths) instead of reading the live state; no AWS at all.",
            HelpName = "FILE|-",
        };
        var command = new Command("invoke", "Run a guardrail function locally on an event file; prints one JSON object with the outcome.")
        {
            function, eventFile, dryRun, snapshot,
        };
        command.SetAction(parse => CheckCommands.Guarded(env, () => Run(env, parse.GetValue(function)!, parse.GetValue(eventFile)!, parse.GetValue(dryRun), parse.GetValue(snapshot))));
        return command;
    }

    private static int Run(CliEnvironment env, string function, string eventFile, bool dryRun, string? snapshot)
    {
        if (snapshot is not null && (!dryRun || function is not ("access-path" or "hook")))
        {
            throw new UsageException("--snapshot is for --dry-run with --function access-path or hook: the other functions judge the policy the event carries");
        }

        if (dryRun && function == "hook" && snapshot is null)
        {
            throw new UsageException("the hook judges the request on the live paths: give --snapshot FILE for a dry run without AWS, or run it without --dry-run");
        }

        if (snapshot == "-" && eventFile == "-")
        {
            throw new UsageException("--event and --snapshot cannot both read standard input");
        }

        var text = InputText.Read(eventFile, "event", env);
        try
        {
            if (dryRun && function == "hook")
            {
                env.Out.WriteLine(HookDryRun(env, text, snapshot!));
                return ExitCodes.Ok;
            }

            if (dryRun)
            {
                var result = function != "access-path" ? DryRun.Run(function, text, env.Variable, TimeProvider.System)
                    : snapshot is not null ? SnapshotDryRun(env, text, snapshot)
                    : PathDryRun.RunAsync(text, env.Variable, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
                env.Out.WriteLine(ResultJson.ToJson(result.Invocation, result.Assumptions));
                return ExitCodes.Ok;
            }

            // Logs go to stderr so that stdout holds exactly one JSON object.
            var host = FunctionHost.FromEnvironment(function, env.Variable, env.Error);
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var output = function switch
            {
                "bucket-policy" => new BucketPolicyFunction(host).Handle(input),
                "trust-policy" => new TrustPolicyFunction(host).Handle(input),
                "access-path" => new AccessPathFunction(host).Handle(input),
                "hook" => new HookFunction(host).Handle(input),
                _ => new DriftScanFunction(host).Handle(input),
            };
            using var reader = new StreamReader(output.GetAwaiter().GetResult());
            env.Out.WriteLine(reader.ReadToEnd().TrimEnd());
            return ExitCodes.Ok;
        }
        catch (GuardrailConfigException e) when (dryRun && function == "access-path" && snapshot is null)
        {
            throw new UsageException($"{e.Message}; or judge a snapshot instead: --snapshot FILE (examples in examples/paths)");
        }
        catch (Exception e) when (e is InvalidEventException or GuardrailConfigException or Core.Parsing.PolicyParseException or Functions.Runtime.InvalidInvocationException)
        {
            throw new UsageException(e.Message);
        }
        catch (Aws.Calls.AwsCallException e) when (dryRun && e.IsNoCredentials)
        {
            env.Error.WriteLine(SafeText.Line($"guardrail: {NeedsReadAccess}"));
            return FunctionFailed;
        }
        catch (Exception e) when (e is AwsServiceException or AmazonServiceException or HttpRequestException or AmazonClientException or Functions.Processing.FunctionFailedException or OperationCanceledException or Aws.Calls.AwsCallException or Functions.Paths.PathReadException)
        {
            env.Error.WriteLine(SafeText.Line($"guardrail: the {function} function failed: {LineFolding.Fold(e.Message)}"));
            return FunctionFailed;
        }
    }

    /// <summary>What an access-path dry run without a snapshot says when it finds no AWS credentials.</summary>
    public const string NeedsReadAccess =
        "the access-path dry run reads the path's live state (IAM roles' trust and permission policies and boundaries, S3 bucket policies, encryption and ownership, KMS key policies, the Glue catalog, the cluster's roles, Lake Formation, VPC endpoints and organization policies) and needs AWS credentials with read access to it, and none were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or judge a snapshot instead with --snapshot FILE (guardrail snapshot writes one; examples in examples/paths).";

    /// <summary>The hook's answer to a request, judged on a snapshot instead of the live paths: no AWS.</summary>
    private static string HookDryRun(CliEnvironment env, string requestText, string source)
    {
        var live = PathCommand.Read(source, env);
        var request = Functions.Hooks.HookRequest.Parse(requestText);
        if (Functions.Hooks.HookDecision.NotAResourceOperation(request) is { } skipped)
        {
            return skipped.ToJson();
        }

        var context = new Changes.ChangeContext($"stack {request.Stack}", request.Account, request.Region, new Dictionary<string, string>(), new Dictionary<string, string>());
        try
        {
            var changes = Functions.Hooks.HookResources.Changes(request, context);
            var verdict = Core.Paths.Overlay.ChangeJudge.Judge(live, changes, env.Clock());
            var judged = verdict.Overlay.Applied.Count > 0 || verdict.Overlay.Problems.Count > 0 ? new[] { new Functions.Hooks.JudgedPath(PathCommand.Subject(live), verdict) } : [];
            return Functions.Hooks.HookDecision.Decide(request, judged, [], 1).ToJson();
        }
        catch (Changes.ChangeInputException e)
        {
            throw new UsageException($"the request's properties: {e.Message}");
        }
    }

    private static DryRun.Result SnapshotDryRun(CliEnvironment env, string eventText, string source)
    {
        var snapshotText = InputText.Read(source, "snapshot", env, Core.Paths.Snapshot.SnapshotReader.MaxUtf8Bytes);
        var name = source == "-" ? "standard input" : SafeText.Echo(source);
        try
        {
            return SnapshotPathDryRun.Run(eventText, snapshotText, name, env.Variable, TimeProvider.System);
        }
        catch (Core.Paths.Snapshot.SnapshotParseException e)
        {
            throw new UsageException($"invalid snapshot in {name}: {e.Message}");
        }
    }
}
