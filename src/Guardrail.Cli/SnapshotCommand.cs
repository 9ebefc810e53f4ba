using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// <c>guardrail snapshot</c>: reads Spectrum's access path from a live account and prints the snapshot JSON that
/// <c>guardrail check path --snapshot -</c> judges. Notes (what was left out and why) go to standard error.
/// Exit codes: 0 the snapshot is complete, 2 invalid input, 4 some read failed (one line per failed call, naming
/// the permission it needs; no snapshot is printed, so a pipe into <c>check path</c> never judges half a path).
/// </summary>
public static partial class SnapshotCommand
{
    /// <summary>Reads failed: the snapshot could not be made whole.</summary>
    public const int ReadFailed = ExitCodes.AwsReadFailed;

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliEnvironment env)
    {
        var role = new Option<string>("--role") { Description = "The cluster's IAM role ARN, or the chain arnA,arnB as Redshift has it (the last role reads S3).", Required = true, HelpName = "ARN[,ARN...]" };
        var bucket = new Option<string>("--bucket") { Description = "The bucket Spectrum reads.", Required = true, HelpName = "NAME" };
        var bucketAccount = new Option<string?>("--bucket-account") { Description = "The bucket owner's account ID (default: the caller's account); checked by S3 on every read.", HelpName = "ACCOUNT_ID" };
        var prefix = new Option<string[]>("--prefix") { Description = "A table location (key prefix) in the bucket (repeatable); without it, the whole bucket.", HelpName = "P" };
        var clusterId = new Option<string?>("--cluster-id") { Description = "The provisioned cluster whose attached roles to read.", HelpName = "ID" };
        var ns = new Option<string?>("--namespace") { Description = "The Redshift Serverless namespace whose attached roles to read.", HelpName = "NAME" };
        var workgroup = new Option<string?>("--workgroup") { Description = "The Redshift Serverless workgroup of --namespace whose enhanced VPC routing and S3 VPC endpoints to read.", HelpName = "NAME" };
        var catalogAccount = new Option<string[]>("--catalog-account") { Description = "The Glue Data Catalog's account of a table (repeatable, with --database and --table; paired with the --prefix of the same position, or with the only one).", HelpName = "ID" };
        var database = new Option<string[]>("--database") { Description = "The Glue database of a table (repeatable).", HelpName = "D" };
        var table = new Option<string[]>("--table") { Description = "The Glue table (repeatable).", HelpName = "T" };
        var region = new Option<string?>("--region") { Description = "The Region of the cluster, bucket and catalog (default: AWS_REGION, else us-east-1).", HelpName = "R" };
        var accountRole = new Option<string?>("--account-role") { Description = "The role to assume in other accounts (bucket, key or catalog owners); without it, the caller's credentials are used there too.", HelpName = "NAME" };
        var command = new Command("snapshot", "Read Spectrum's whole access path from AWS and print it as a snapshot for 'guardrail check path --snapshot -'.")
        {
            role, bucket, bucketAccount, prefix, clusterId, ns, workgroup, catalogAccount, database, table, region, accountRole,
        };
        command.SetAction(parse => CheckCommands.Guarded(env, () =>
        {
            var endpoints = new AwsEndpoints(env.Variable);
            if (endpoints.Problems() is { Count: > 0 } problems)
            {
                throw new UsageException(string.Join("; ", problems));
            }

            var bucketName = InputValidation.Bucket(parse.GetValue(bucket)!);
            var owner = InputValidation.Account(parse.GetValue(bucketAccount));
            var request = new SnapshotRequest(
                InputValidation.Roles(parse.GetValue(role)!, "--role"),
                Tables(bucketName, InputValidation.Prefixes(parse.GetValue(prefix) ?? [], bucketName), parse.GetValue(catalogAccount) ?? [], parse.GetValue(database) ?? [], parse.GetValue(table) ?? []),
                Cluster(parse.GetValue(clusterId), parse.GetValue(ns), parse.GetValue(workgroup)),
                Region(parse.GetValue(region) ?? endpoints.Region),
                owner is null ? null : new Dictionary<string, string> { [bucketName] = owner });
            return Run(env, endpoints, request, parse.GetValue(accountRole));
        }));
        return command;
    }

    private static int Run(CliEnvironment env, AwsEndpoints endpoints, SnapshotRequest request, string? accountRole)
    {
        using var factory = new AccountClientFactory(endpoints, request.Region, accountRole, new AwsCallCounter());
        SnapshotCollection collection;
        try
        {
            collection = new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (AwsCallException e)
        {
            env.Error.WriteLine(SafeText.Line($"guardrail: {new ReadFailure(e.Call, "the caller's credentials", e.Code, e.Detail, e.IsAccessDenied ? RequiredPermissions.For(e.Call) : null).Line}"));
            return ReadFailed;
        }

        foreach (var note in collection.Notes)
        {
            env.Error.WriteLine(SafeText.Line($"guardrail: note: {note}"));
        }

        if (!collection.IsComplete)
        {
            foreach (var failure in collection.Failures)
            {
                env.Error.WriteLine(SafeText.Line($"guardrail: {failure.Line}"));
            }

            return ReadFailed;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            collection.Snapshot.WriteTo(writer);
        }

        env.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        return ExitCodes.Ok;
    }

    /// <summary>The tables: one per prefix; catalog entries paired with the prefix of the same position, or all with the only one.</summary>
    internal static IReadOnlyList<TableTarget> Tables(string bucket, IReadOnlyList<string> prefixes, IReadOnlyList<string> accounts, IReadOnlyList<string> databases, IReadOnlyList<string> tables)
    {
        if (accounts.Count != databases.Count || accounts.Count != tables.Count)
        {
            throw new UsageException($"--catalog-account, --database and --table come together: got {accounts.Count}, {databases.Count} and {tables.Count}");
        }

        var locations = prefixes.Count == 0 ? [string.Empty] : prefixes;
        if (accounts.Count == 0)
        {
            return [.. locations.Select(p => new TableTarget(bucket, p))];
        }

        if (locations.Count != 1 && locations.Count != accounts.Count)
        {
            throw new UsageException($"give one --prefix per catalog table ({accounts.Count}), or a single one for all; got {locations.Count}");
        }

        return [.. accounts.Select((account, i) => new TableTarget(
            bucket,
            locations[locations.Count == 1 ? 0 : i],
            AwsIdentifiers.AccountIdProblem(account) is { } problem ? throw new UsageException($"--catalog-account: {problem}") : account,
            Checked("--database", databases[i], GlueNameProblem(databases[i])),
            Checked("--table", tables[i], GlueNameProblem(tables[i]))))];
    }

    private static ClusterTarget? Cluster(string? clusterId, string? namespaceName, string? workgroup) => (clusterId, namespaceName) switch
    {
        _ when workgroup is not null && namespaceName is null => throw new UsageException("--workgroup is a Redshift Serverless workgroup: give it with --namespace"),
        (not null, not null) => throw new UsageException("--cluster-id and --namespace name two different kinds of Redshift: give one"),
        (not null, null) => new ClusterTarget(ClusterKind.Provisioned, Checked("--cluster-id", clusterId, ClusterIdPattern().IsMatch(clusterId) ? null : "a cluster identifier is 1 to 63 lowercase letters, digits and hyphens, starting with a letter")),
        (null, not null) => new ClusterTarget(
            ClusterKind.Serverless,
            Checked("--namespace", namespaceName, NamespacePattern().IsMatch(namespaceName) ? null : "a namespace name is 3 to 64 lowercase letters, digits and hyphens"),
            workgroup is null ? null : Checked("--workgroup", workgroup, NamespacePattern().IsMatch(workgroup) ? null : "a workgroup name is 3 to 64 lowercase letters, digits and hyphens")),
        _ => null,
    };

    private static string Region(string value) =>
        Checked("--region", value, RegionPattern().IsMatch(value) ? null : "expected a Region name like us-east-1");

    private static string? GlueNameProblem(string value) =>
        value.Length is >= 1 and <= 255 && !value.Any(char.IsControl) ? null : "a Glue name is 1 to 255 characters without control characters";

    private static string Checked(string option, string value, string? problem) =>
        problem is null ? value : throw new UsageException($"{option} {SafeText.Quote(value)}: {problem}");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex ClusterIdPattern();

    [GeneratedRegex("^[a-z0-9-]{3,64}$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();
}
