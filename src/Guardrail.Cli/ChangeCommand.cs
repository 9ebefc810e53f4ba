using System.CommandLine;
using Guardrail.Changes;
using Guardrail.Changes.CloudFormation;
using Guardrail.Changes.Terraform;
using Guardrail.Cli.Reports;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// <c>guardrail check change</c>: lays a CloudFormation/SAM template or a Terraform plan on a snapshot of the live path
/// (<see cref="SnapshotOverlay"/>) and judges the path as it would be (<see cref="ChangeJudge"/>, as the hook does):
/// per hop before and after, with the findings located in the input (resource, file, line).
/// </summary>
public static class ChangeCommand
{
    /// <summary>CloudFormation takes templates of at most 1 MB (from S3).</summary>
    private const int MaxTemplateBytes = 1024 * 1024;

    /// <summary>Plans of large configurations run to tens of megabytes (<c>terraform show -json</c>).</summary>
    private const int MaxPlanBytes = 50 * 1024 * 1024;

    public static Command Create(CliEnvironment env)
    {
        var snapshot = new Option<string>("--snapshot")
        {
            Description = "The live path's snapshot (guardrail snapshot, or see examples/paths), or - for standard input.",
            Required = true,
            HelpName = "FILE|-",
        };
        var template = new Option<string?>("--template") { Description = "A CloudFormation or SAM template (JSON or YAML, short-form tags too).", HelpName = "FILE" };
        var parameters = new Option<string?>("--parameters") { Description = "The template's parameter values: the aws cloudformation CLI's [{\"ParameterKey\", \"ParameterValue\"}] file, or a CodePipeline {\"Parameters\": {...}} file.", HelpName = "FILE" };
        var plan = new Option<string?>("--plan") { Description = "A Terraform plan as JSON (terraform show -json PLANFILE).", HelpName = "FILE" };
        var account = new Option<string?>("--account") { Description = "The account the change deploys to (AWS::AccountId; role ARNs from names).", HelpName = "ACCOUNT_ID" };
        var region = new Option<string?>("--region") { Description = "The Region it deploys to (AWS::Region).", HelpName = "REGION" };
        var resourceIds = new Option<string[]>("--resource-id")
        {
            Description = "A resource the stack already created, LOGICAL_ID=PHYSICAL_ID (a key's ARN, an endpoint's id), repeatable: what Ref and GetAtt of it give.",
            HelpName = "LOGICAL=PHYSICAL",
        };
        var output = new CheckOutputOptions();
        var command = new Command("change", "Check a proposed change (a CloudFormation/SAM template or a Terraform plan) against the live path before it ships: what it does to each hop, located in the input.")
        {
            snapshot, template, parameters, plan, account, region, resourceIds,
        };
        output.AddTo(command);
        command.SetAction(parse => CheckCommands.Guarded(env, () =>
        {
            var (input, file) = (parse.GetValue(template), parse.GetValue(plan)) switch
            {
                ({ } t, null) => ((IChangeInput)new CloudFormationTemplateInput(), t),
                (null, { } p) => (new TerraformPlanInput(), p),
                (null, null) => throw new UsageException("give the change to check: --template FILE (CloudFormation or SAM) or --plan FILE (terraform show -json)"),
                _ => throw new UsageException("give either --template or --plan, not both"),
            };
            if (parse.GetValue(parameters) is not null && input is not CloudFormationTemplateInput)
            {
                throw new UsageException("--parameters goes with --template (a plan has its values)");
            }

            Stdin.AtMostOne(("--snapshot", parse.GetValue(snapshot)), ("--template", parse.GetValue(template)), ("--plan", parse.GetValue(plan)), ("--parameters", parse.GetValue(parameters)), ("--exceptions", parse.GetValue<string?>("--exceptions")));
            var settings = output.Read(parse, env);
            var context = Context(parse.GetValue(account), parse.GetValue(region), parse.GetValue(resourceIds) ?? [], file) with
            {
                Parameters = parse.GetValue(parameters) is { } parametersFile ? Parameters(parametersFile, env) : new Dictionary<string, string>(),
            };

            var live = PathCommand.Read(parse.GetValue(snapshot)!, env);
            var text = InputText.Read(file, input.Format, env, input is TerraformPlanInput ? MaxPlanBytes : MaxTemplateBytes);
            IReadOnlyList<ProposedChange> changes;
            try
            {
                changes = input.Read(text, context);
            }
            catch (ChangeInputException e)
            {
                throw new UsageException($"invalid {input.Format} in {Named(file)}: {e.Message}");
            }

            if (changes.Count > SnapshotOverlay.MaxChanges)
            {
                throw new UsageException($"{Named(file)} proposes {changes.Count:N0} changes; at most {SnapshotOverlay.MaxChanges:N0} are judged at once: split it");
            }

            var verdict = ChangeJudge.Judge(live, changes, env.Clock());
            return settings.Finish(env, ChangeReports.From(verdict, PathCommand.Subject(live), CheckCommands.InputFile(file), CheckCommands.InputFile(parse.GetValue(snapshot)!)));
        }));
        return command;
    }

    private static ChangeContext Context(string? account, string? region, string[] resourceIds, string file)
    {
        if (account is not null && AwsIdentifiers.AccountIdProblem(account) is { } accountProblem)
        {
            throw new UsageException($"--account: {accountProblem}");
        }

        if (region is not null && AwsIdentifiers.RegionProblem(region) is { } regionProblem)
        {
            throw new UsageException($"--region: {regionProblem}");
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in resourceIds)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1)
            {
                throw new UsageException($"--resource-id {SafeText.Quote(pair)}: write LOGICAL_ID=PHYSICAL_ID");
            }

            if (!ids.TryAdd(pair[..at], pair[(at + 1)..]))
            {
                throw new UsageException($"--resource-id: {SafeText.Quote(pair[..at])} is given twice");
            }
        }

        return new ChangeContext(file == "-" ? "standard input" : file, account, region, new Dictionary<string, string>(), ids);
    }

    private static IReadOnlyDictionary<string, string> Parameters(string file, CliEnvironment env)
    {
        var text = InputText.Read(file, "parameters", env);
        try
        {
            return ParametersFileReader.Read(text, Named(file));
        }
        catch (ChangeInputException e)
        {
            throw new UsageException($"invalid parameters in {Named(file)}: {e.Message}");
        }
    }

    private static string Named(string file) => file == "-" ? "standard input" : SafeText.Echo(file);
}
