using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>The event files of the access-path function (tests/cases/events/access-events.json lists one per event name).</summary>
public sealed class AccessEventFileTests
{
    public static TheoryData<string> Events()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c!["event"]!.GetValue<string>());
        }

        return data;
    }

    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(RepoRoot.Of("tests", "cases", "events", "access-events.json")))!["cases"]!.AsArray();

    [Theory]
    [MemberData(nameof(Events))]
    public void The_event_file_is_what_EventBridge_delivers_for_the_call(string name)
    {
        var expected = Cases.Single(c => c!["event"]!.GetValue<string>() == name)!;
        var envelope = JsonNode.Parse(File.ReadAllText(RepoRoot.Of("events", name + ".json")))!;
        var detail = envelope["detail"]!;

        Assert.Equal("AWS API Call via CloudTrail", envelope["detail-type"]!.GetValue<string>());
        Assert.Equal(expected["source"]!.GetValue<string>(), envelope["source"]!.GetValue<string>());
        Assert.Equal(expected["eventSource"]!.GetValue<string>(), detail["eventSource"]!.GetValue<string>());
        Assert.Equal(expected["eventName"]!.GetValue<string>(), detail["eventName"]!.GetValue<string>());
        Assert.Equal(envelope["region"]!.GetValue<string>(), detail["awsRegion"]!.GetValue<string>());
        Assert.Equal(envelope["account"]!.GetValue<string>(), detail["recipientAccountId"]!.GetValue<string>());
        if (expected["region"] is { } region)
        {
            Assert.Equal(region.GetValue<string>(), envelope["region"]!.GetValue<string>());
        }

        // A runtime-evidence read is an event only when it failed; every change is a call that succeeded.
        Assert.Equal(expected["errorCode"]?.GetValue<string>(), detail["errorCode"]?.GetValue<string>());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", detail["eventID"]!.GetValue<string>());
        foreach (var parameter in expected["requestParameters"]!.AsArray())
        {
            Assert.NotNull(detail["requestParameters"]?[parameter!.GetValue<string>()]);
        }
    }

    [Fact]
    public void Every_access_event_file_is_listed_and_ids_are_unique()
    {
        var listed = Cases.Select(c => c!["event"]!.GetValue<string>() + ".json").Order().ToList();
        var files = Directory.GetFiles(RepoRoot.Of("events"), "access-*.json").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(48, listed.Count);
        Assert.Equal(listed, files);

        var ids = Directory.GetFiles(RepoRoot.Of("events"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!["detail"]?["eventID"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("access-iam-create-policy-version", "policyDocument")]
    [InlineData("access-iam-put-role-policy", "policyDocument")]
    [InlineData("access-kms-put-key-policy", "policy")]
    [InlineData("access-organizations-update-policy", "content")]
    [InlineData("access-glue-put-resource-policy", "policyInJson")]
    [InlineData("access-ec2-modify-vpc-endpoint", "ModifyVpcEndpointRequest.PolicyDocument")]
    [InlineData("access-s3-put-access-point-policy", "PutAccessPointPolicyRequest.Policy")]
    public void Policy_documents_are_json_strings_as_CloudTrail_records_them(string name, string field)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoRoot.Of("events", name + ".json")))!["detail"]!["requestParameters"]!;
        var text = field.Split('.').Aggregate(node, (n, step) => n[step]!).GetValue<string>();

        Assert.Equal("2012-10-17", JsonNode.Parse(text)!["Version"]!.GetValue<string>());
    }
}
