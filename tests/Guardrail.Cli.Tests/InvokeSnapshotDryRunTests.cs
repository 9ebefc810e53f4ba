using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Guardrail.Cli.Tests;

/// <summary>
/// <c>guardrail invoke --function access-path --dry-run</c> with the repository's events: against a snapshot
/// (<c>--snapshot</c>) it needs no AWS; without one and without credentials it says in one line what it reads.
/// </summary>
public sealed class InvokeSnapshotDryRunTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("guardrail-invoke-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void A_change_to_the_snapshots_role_is_judged_against_the_snapshot()
    {
        var snapshot = EventsPath("broken-detached-s3-policy.json");

        var result = CliRunner.Run("invoke", "--function", "access-path", "--dry-run", "--event", "events/access-iam-put-role-policy.json", "--snapshot", snapshot);

        Assert.Equal(0, result.Exit);
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal("alerted", json["outcome"]!.GetValue<string>());
        Assert.Equal("breaks", json["verdict"]!.GetValue<string>());
        Assert.Contains(json["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>() == "identity-missing-grant");
        Assert.Equal("arn:aws:iam::123456789012:role/redshift -> s3://amzn-s3-demo-bucket/sales/orders/", json["resource"]!["name"]!.GetValue<string>());
        Assert.Contains("judged against the snapshot", json["assumptions"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_that_lets_spectrum_read_is_ok()
    {
        var snapshot = EventsPath("same-account-provisioned.json");

        var result = CliRunner.Run("invoke", "--function", "access-path", "--dry-run", "--event", "events/access-s3-put-bucket-encryption.json", "--snapshot", snapshot);

        Assert.Equal(0, result.Exit);
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal("ok", json["outcome"]!.GetValue<string>());
        Assert.Equal("ok", json["verdict"]!.GetValue<string>());
    }

    [Fact]
    public void A_change_to_another_path_is_ignored()
    {
        // The example's role and bucket are not the event's.
        var result = CliRunner.Run("invoke", "--function", "access-path", "--dry-run", "--event", "events/access-iam-put-role-policy.json", "--snapshot", "examples/paths/same-account-provisioned.json");

        Assert.Equal(0, result.Exit);
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal("ignored", json["outcome"]!.GetValue<string>());
        Assert.Equal("PutRolePolicy touches no protected access path", json["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bucket-policy", "--dry-run")]
    [InlineData("access-path", null)]
    public void Snapshot_is_only_for_the_access_path_and_hook_dry_runs(string function, string? dryRun)
    {
        string[] args = ["invoke", "--function", function, "--event", "events/access-iam-put-role-policy.json", "--snapshot", "examples/paths/same-account-provisioned.json", .. dryRun is null ? Array.Empty<string>() : [dryRun]];

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--snapshot is for --dry-run with --function access-path or hook", Assert.Single(result.Error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_snapshot_is_one_line()
    {
        var file = Path.Combine(temp.FullName, "bad.json");
        File.WriteAllText(file, "{\"spectrum\": {}}");

        var result = CliRunner.Run("invoke", "--function", "access-path", "--dry-run", "--event", "events/access-kms-disable-key.json", "--snapshot", file);

        Assert.Equal(2, result.Exit);
        Assert.StartsWith("guardrail: invalid snapshot in ", Assert.Single(result.Error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_snapshot_or_credentials_it_names_what_it_reads_in_one_line()
    {
        // A child process, so that the AWS SDK's credential chain sees no credentials at all.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Environment.ProcessPath!;
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "guardrail.dll"), "invoke", "--function", "access-path", "--dry-run", "--event", "events/access-iam-put-role-policy.json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = CliRunner.Root,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(temp.FullName, "none");
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(temp.FullName, "none");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift";
        start.Environment["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(string.Empty, await output);
        var line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal($"guardrail: {InvokeCommand.NeedsReadAccess}", line);
    }

    [Fact]
    public void Without_a_snapshot_or_configuration_it_points_to_the_snapshot()
    {
        var env = new CliEnvironment(new MemoryStream(), new StringWriter(), new StringWriter(), false, () => CliRunner.Now, CliRunner.Root, _ => null);

        var exit = GuardrailCli.Run(["invoke", "--function", "access-path", "--dry-run", "--event", "events/access-iam-put-role-policy.json"], env);

        Assert.Equal(2, exit);
        var line = Assert.Single(env.Error.ToString()!.TrimEnd('\n').Split('\n'));
        Assert.Contains("GUARDRAIL_SPECTRUM_ROLES is required", line, StringComparison.Ordinal);
        Assert.EndsWith("or judge a snapshot instead: --snapshot FILE (examples in examples/paths)", line, StringComparison.Ordinal);
    }

    // An example snapshot moved onto the role and bucket the repository's events name (account 123456789012, role
    // redshift, bucket amzn-s3-demo-bucket).
    private string EventsPath(string example)
    {
        var text = File.ReadAllText(Testing.RepoRoot.Of("examples", "paths", example))
            .Replace("111122223333", "123456789012", StringComparison.Ordinal)
            .Replace("role/spectrum", "role/redshift", StringComparison.Ordinal)
            .Replace("example-lake", "amzn-s3-demo-bucket", StringComparison.Ordinal);
        var file = Path.Combine(temp.FullName, example);
        File.WriteAllText(file, text);
        return file;
    }
}
