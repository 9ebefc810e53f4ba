using System.Net;
using Guardrail.Functions.Processing;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Collecting a path when AWS misbehaves: answers of 500 and throttling are retried and the path is judged; a read AWS
/// refuses is a could-not-judge alert naming the call and the permission it needs, then the invocation fails and
/// gives the event back, so that the retry (once the permission is granted) judges it.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class PathFailSafeTests(MotoServer moto)
{
    // Detaching a policy that is not attached: the path stays ok whatever the event says.
    private static string HarmlessEvent => PathWorld.Event("access-iam-detach-role-policy", ("detail.requestParameters.policyArn", PathWorld.DenyS3));

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task Errors_and_throttling_while_collecting_are_retried_and_the_path_judged(HttpStatusCode status)
    {
        using var world = await PathWorld.CreateAsync(moto);
        FaultInjectingHandler? network = null;
        var host = world.CountingHost(() => network = new FaultInjectingHandler(3, status));

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, HarmlessEvent);

        Assert.Equal("ok", RestorableHopTests.Text(result["outcome"]));
        var queryCalls = Assert.Single(world.Counters).Counts.Where(c => !c.Key.StartsWith("s3:", StringComparison.Ordinal) && !c.Key.StartsWith("kms:", StringComparison.Ordinal) && !c.Key.StartsWith("sts:", StringComparison.Ordinal)).Sum(c => c.Value);
        Assert.Equal(queryCalls + 3, network!.Requests);
        Assert.Empty(await PathAlert.ReceiveAsync(world.Sandbox));
    }

    [Fact]
    public async Task A_refused_read_is_alerted_as_could_not_judge_naming_the_call_and_permission_and_the_retry_judges_it()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var refusing = world.CountingHost(() => AnsweringHandler.Refusing("ListAttachedRolePolicies"));

        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => Sandbox.InvokeAsync(new AccessPathFunction(refusing).Handle, HarmlessEvent));
        var alert = Assert.Single(await PathAlert.ReceiveAsync(world.Sandbox));
        var retry = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host()).Handle, HarmlessEvent);

        const string line = $"ListAttachedRolePolicies on {PathWorld.RoleArn}: AccessDenied — needs iam:ListAttachedRolePolicies";
        Assert.Contains(line, failure.Message, StringComparison.Ordinal);
        Assert.Equal("could-not-judge", alert.Outcome);
        Assert.Equal("high", alert.Attribute("severity"));
        Assert.Equal("access-path", alert.ResourceType);
        var error = alert.Body["error"]!;
        Assert.Equal("PathReadException", RestorableHopTests.Text(error["class"]));
        Assert.Contains(line, RestorableHopTests.Text(error["message"]), StringComparison.Ordinal);
        Assert.Equal(PathWorld.PathName, RestorableHopTests.Text(alert.Body["resource"]!["name"]));
        Assert.Equal("ok", RestorableHopTests.Text(retry["outcome"]));
    }

    [Fact]
    public async Task A_path_that_cannot_be_read_does_not_keep_the_events_other_paths_from_being_judged()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var second = await world.SecondReaderAsync("redshift-etl");
        var roles = ("GUARDRAIL_SPECTRUM_ROLES", $"{PathWorld.RoleArn};{second}");
        var refusing = world.CountingHost(() => AnsweringHandler.Refusing("ListAttachedRolePolicies", onlyRole: PathWorld.RoleName), roles);

        // A managed policy both roles use: the event concerns both paths; the first cannot be read.
        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => Sandbox.InvokeAsync(new AccessPathFunction(refusing).Handle, Sandbox.Event("access-iam-create-policy-version")));
        var alerts = await PathAlert.ReceiveAsync(world.Sandbox);
        var redelivery = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(roles)).Handle, Sandbox.Event("access-iam-create-policy-version"));

        Assert.Contains("ListAttachedRolePolicies", failure.Message, StringComparison.Ordinal);
        Assert.Contains(alerts, a => a.Outcome == "could-not-judge");

        // The second path was judged in the failed invocation (its claim is completed), the first is judged by the retry.
        var outcomes = redelivery["resources"]!.AsArray().Select(r => RestorableHopTests.Text(r!["outcome"])).ToList();
        Assert.Equal(2, outcomes.Count);
        Assert.Equal("duplicate", outcomes[1]);
        Assert.NotEqual("duplicate", outcomes[0]);
    }
}
