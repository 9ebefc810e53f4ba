using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;
using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Functions.Observability;

namespace Guardrail.Functions.Processing;

/// <summary>The AWS adapters and clock the processors use; tests pass ones pointed at moto.</summary>
public sealed record GuardrailServices(
    IBucketPolicies Buckets,
    IIamRoles Iam,
    ISnsPublisher Sns,
    GuardrailState State,
    TimeProvider Time,
    JsonLog Log)
{
    public Metrics Metrics { get; } = new(Log, Time);
}
