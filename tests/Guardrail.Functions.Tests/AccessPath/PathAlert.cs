using System.Text.Json.Nodes;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>An alert as the SQS subscriber of the topic receives it: the SNS envelope, its attributes and the JSON body.</summary>
internal sealed record PathAlert(JsonObject Envelope)
{
    public JsonObject Body => JsonNode.Parse(Envelope["Message"]!.GetValue<string>())!.AsObject();

    public string Attribute(string name) => Envelope["MessageAttributes"]![name]!["Value"]!.GetValue<string>();

    public string Outcome => Attribute("outcome");

    public string ResourceType => Attribute("resourceType");

    /// <summary>The <c>rules</c> attribute (a String.Array, sent as JSON text).</summary>
    public IReadOnlyList<string> Rules => [.. JsonNode.Parse(Attribute("rules"))!.AsArray().Select(r => r!.GetValue<string>())];

    /// <summary>The body's path line: <c>trust ok, association unchecked, identity breaks, ...</c>.</summary>
    public string? PathLine => Body["path"]?.GetValue<string>();

    /// <summary>Each finding's statement: <c>hop: document: statement</c>.</summary>
    public IReadOnlyList<string> Statements => [.. Body["findings"]!.AsArray().Select(f => f!["statement"]!.GetValue<string>())];

    public string? Reason => Body["reason"]?.GetValue<string>();

    public string? ReasonCode => Body["reasonCode"]?.GetValue<string>();

    /// <summary>Every alert on the queue, read and deleted.</summary>
    public static async Task<List<PathAlert>> ReceiveAsync(Sandbox sandbox) => [.. (await sandbox.AlertsAsync()).Select(a => new PathAlert(a))];

    /// <summary>The one alert about the access path (other resources' alerts, if any, are left out).</summary>
    public static async Task<PathAlert> SingleAsync(Sandbox sandbox) =>
        Assert.Single(await ReceiveAsync(sandbox), a => a.ResourceType == "access-path");

    /// <summary>Asserts the alert names <paramref name="hop"/> as cut by <paramref name="rule"/>, in the attributes and the body.</summary>
    public void AssertNames(string hop, string rule, string status = "breaks")
    {
        Assert.Equal("access-path", ResourceType);
        Assert.Contains(rule, Rules);
        Assert.Contains($"{hop} {status}", PathLine!.Split(", "));
        Assert.Contains(Body["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>() == rule && f["statement"]!.GetValue<string>().StartsWith(hop + ": ", StringComparison.Ordinal));
    }
}
