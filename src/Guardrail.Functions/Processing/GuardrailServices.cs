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

    /// <summary>The Region the functions run in, which is the access paths' Region (AWS_REGION).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The break-glass parameter, read live before any rollback; null when none is configured (never break-glass).</summary>
    public Guardrail.Aws.Ssm.IBreakGlassParameter? BreakGlass { get; init; }

    /// <summary>
    /// Makes the account-scoped readers and writers of one invocation, assuming the given role name in other accounts
    /// (<see cref="Configuration.GuardrailConfig.MemberRoleName"/>, read when the invocation starts: a reloaded
    /// configuration document may change it); null where nothing is read across accounts.
    /// </summary>
    public Func<string?, Paths.PathReaderSession>? PathReaders { get; init; }

    /// <summary>The queue the drift scan puts its paths on (GUARDRAIL_SCAN_QUEUE_URL); null: the scan judges them itself.</summary>
    public Guardrail.Aws.Sqs.IScanQueue? ScanQueue { get; init; }

    /// <summary>The queued scans' tally (their summary); null: no summary is counted.</summary>
    public IScanTally? ScanTally { get; init; }
}
