namespace Guardrail.Aws.Sns;

/// <summary>
/// An SNS message with a per-protocol body (<c>MessageStructure=json</c>): <paramref name="Default"/> for every protocol
/// without its own entry, <paramref name="Email"/> for email subscribers.
/// </summary>
public sealed record SnsMessage(string TopicArn, string Subject, string Default, string Email, IReadOnlyList<SnsAttribute> Attributes);

/// <summary>A message attribute for subscription filter policies (<c>String</c> or <c>String.Array</c>).</summary>
public sealed record SnsAttribute(string Name, string DataType, string Value);
