namespace Guardrail.Functions.Runtime;

/// <summary>
/// One invocation as the Lambda Runtime API hands it out (<c>GET /2018-06-01/runtime/invocation/next</c>): the
/// request id to answer, the deadline (<c>Lambda-Runtime-Deadline-Ms</c>), the function ARN and X-Ray trace header,
/// and the event. https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next
/// </summary>
public sealed record RuntimeInvocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, ReadOnlyMemory<byte> Event);
