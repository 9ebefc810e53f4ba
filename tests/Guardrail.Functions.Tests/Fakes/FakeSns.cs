using Guardrail.Aws.Query;
using Guardrail.Aws.Sns;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>Keeps what is published; fails the first <see cref="FailuresLeft"/> publishes (-1: every one).</summary>
internal sealed class FakeSns : ISnsPublisher
{
    private readonly Lock gate = new();

    public List<SnsMessage> Published { get; } = [];

    public int FailuresLeft { get; set; }

    public Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (FailuresLeft != 0)
            {
                FailuresLeft--;
                throw new AwsServiceException("sns", "InternalFailure", "injected failure", System.Net.HttpStatusCode.InternalServerError, null);
            }

            Published.Add(message);
            return Task.FromResult($"message-{Published.Count}");
        }
    }

    public string Attribute(int index, string name) => Published[index].Attributes.Single(a => a.Name == name).Value;
}
