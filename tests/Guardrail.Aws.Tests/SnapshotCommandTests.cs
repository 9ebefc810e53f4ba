using System.Text.Json.Nodes;
using Guardrail.Cli;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary><c>guardrail snapshot</c> end to end: real parsing, the real collector against moto, captured streams.</summary>
[Collection(MotoCollection.Name)]
public sealed class SnapshotCommandTests
{
    private readonly MotoServer moto;

    public SnapshotCommandTests(MotoServer moto)
    {
        this.moto = moto;
    }

    private (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var input = new MemoryStream();
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(), ["AWS_REGION"] = "us-east-1" };
        var env = new CliEnvironment(input, output, error, Colour: false, () => DateTimeOffset.UtcNow, RepoRoot.Path, name => variables.GetValueOrDefault(name));
        var exit = GuardrailCli.Run(args, env);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_snapshot_of_the_live_world_is_the_hand_written_one()
    {
        using var world = await LiveWorld.CreateAsync(moto);

        var (exit, output, error) = Run(
            "snapshot", "--role", $"{LiveWorld.EntryRole},{LiveWorld.ReaderRole}", "--bucket", LiveWorld.Lake, "--prefix", "sales/",
            "--cluster-id", LiveWorld.Cluster, "--catalog-account", LiveWorld.Account, "--database", "sales", "--table", "orders");

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);

        // The hand-written world, for the one bucket asked about.
        var expected = LiveCollectionTests.Expected(world).AsObject();
        expected["buckets"]!.AsObject().Remove(LiveWorld.RawBucket);
        expected["spectrum"]!["tables"]!.AsArray().RemoveAt(1);
        LiveCollectionTests.AssertJson(expected, JsonNode.Parse(output)!);
        Assert.Contains("\n  \"spectrum\": {", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_go_to_standard_error_and_the_snapshot_still_prints()
    {
        using var world = await LiveWorld.EmptyAsync(moto);
        await world.CreateRoleAsync("spectrum", LiveWorld.Document(LiveWorld.Allow("sts:AssumeRole", "*")));
        await world.S3.PutBucketAsync(LiveWorld.RawBucket);

        var (exit, output, error) = Run("snapshot", "--role", $"arn:aws:iam::{LiveWorld.Account}:role/spectrum", "--bucket", LiveWorld.RawBucket);

        Assert.Equal(0, exit);
        Assert.StartsWith("guardrail: note: organization: account 123456789012 is not in an organization", error, StringComparison.Ordinal);
        Assert.Equal("", JsonNode.Parse(output)!["spectrum"]!["tables"]![0]!["prefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_read_is_one_line_exit_5_and_no_half_snapshot()
    {
        using var world = await LiveWorld.CreateAsync(moto);

        var (exit, output, error) = Run("snapshot", "--role", $"{LiveWorld.EntryRole},arn:aws:iam::123456789012:role/gone", "--bucket", LiveWorld.Lake);

        Assert.Equal(5, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("guardrail: GetRole on arn:aws:iam::123456789012:role/gone: NoSuchEntity:", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("guardrail: ", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--cluster-id", "analytics", "--namespace", "analytics")]
    [InlineData("--catalog-account", "123456789012", "--database", "sales")]
    [InlineData("--region", "mars-1")]
    [InlineData("--cluster-id", "Not_A_Cluster")]
    [InlineData("--catalog-account", "12345", "--database", "sales", "--table", "orders")]
    [InlineData("--prefix", "a/", "--prefix", "b/", "--prefix", "c/", "--catalog-account", "123456789012", "--database", "sales", "--table", "orders", "--catalog-account", "123456789012", "--database", "sales", "--table", "items")]
    public void Bad_input_is_exit_2_with_one_line_before_any_call(params string[] extra)
    {
        var (exit, output, error) = Run(["snapshot", "--role", LiveWorld.EntryRole, "--bucket", LiveWorld.Lake, .. extra]);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
