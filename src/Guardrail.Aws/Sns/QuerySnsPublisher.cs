using System.Globalization;
using System.Text.Json;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Sns;

/// <summary>SNS <c>Publish</c> over the Query protocol (API version 2010-03-31).</summary>
public sealed class QuerySnsPublisher : ISnsPublisher
{
    private readonly AwsQueryClient client;

    public QuerySnsPublisher(AwsQueryClient client)
    {
        this.client = client;
    }

    public static QuerySnsPublisher Create(AwsEndpoints endpoints) =>
        new(new AwsQueryClient(AwsHttp.CreateSignedClient("sns", endpoints.Region), endpoints.Sns, "sns", "2010-03-31"));

    public async Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        var response = await client.CallAsync("Publish", Parameters(message), cancellationToken).ConfigureAwait(false);
        return AwsQueryClient.Child(response, "MessageId") ?? throw new AwsServiceException("Publish returned no MessageId");
    }

    /// <summary>The Publish parameters: the JSON message structure and the attributes as <c>MessageAttributes.entry.N</c>.</summary>
    public static List<KeyValuePair<string, string>> Parameters(SnsMessage message)
    {
        var structure = JsonSerializer.Serialize(new Dictionary<string, string> { ["default"] = message.Default, ["email"] = message.Email }, SnsJson.Default.DictionaryStringString);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TopicArn", message.TopicArn),
            new("Subject", message.Subject),
            new("MessageStructure", "json"),
            new("Message", structure),
        };
        for (var i = 0; i < message.Attributes.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{i + 1}");
            parameters.Add(new($"{prefix}.Name", message.Attributes[i].Name));
            parameters.Add(new($"{prefix}.Value.DataType", message.Attributes[i].DataType));
            parameters.Add(new($"{prefix}.Value.StringValue", message.Attributes[i].Value));
        }

        return parameters;
    }
}
