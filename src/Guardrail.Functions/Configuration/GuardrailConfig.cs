using System.Text.RegularExpressions;
using Guardrail.Aws;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration;

/// <summary>The functions' configuration, read from environment variables and validated once, at cold start.</summary>
/// <param name="TopicArn">GUARDRAIL_TOPIC_ARN: where alerts go.</param>
/// <param name="StateTable">GUARDRAIL_STATE_TABLE: DynamoDB table (pk String, TTL expiresAt).</param>
/// <param name="SpectrumRoles">GUARDRAIL_SPECTRUM_ROLES: role ARNs or chains (arnA,arnB), separated by ';' or whitespace.</param>
/// <param name="ProtectedBuckets">GUARDRAIL_PROTECTED_BUCKETS: names, or null for every bucket ('*').</param>
/// <param name="Rollback">GUARDRAIL_ROLLBACK: put the last known-good policy back on 'breaks' (default false).</param>
/// <param name="Cluster">GUARDRAIL_CLUSTER: provisioned (default) or serverless.</param>
/// <param name="VpceIds">GUARDRAIL_VPCE_IDS.</param>
/// <param name="Prefixes">GUARDRAIL_PREFIXES: table locations (key prefixes).</param>
/// <param name="OrgId">GUARDRAIL_ORG_ID.</param>
/// <param name="BreakGlassRoles">GUARDRAIL_BREAK_GLASS_ROLES: the roles allowed to set the break-glass parameter (the template and the example SCP keep everyone else from it).</param>
/// <param name="MaxRollbacks">GUARDRAIL_MAX_ROLLBACKS: rollbacks of one resource per hour before the circuit breaker opens (default 3).</param>
/// <remarks><see cref="TimeoutSeconds"/> is GUARDRAIL_TIMEOUT_SECONDS.</remarks>
public sealed partial record GuardrailConfig(
    string? TopicArn,
    string? StateTable,
    IReadOnlyList<IReadOnlyList<RoleArn>> SpectrumRoles,
    IReadOnlySet<string>? ProtectedBuckets,
    bool Rollback,
    ClusterKind Cluster,
    IReadOnlyList<string> VpceIds,
    IReadOnlyList<string> Prefixes,
    string? OrgId,
    IReadOnlySet<string> BreakGlassRoles,
    int MaxRollbacks)
{
    /// <summary>GUARDRAIL_TIMEOUT_SECONDS: the function's timeout, which every invocation's deadline derives from (default 60, at least 3).</summary>
    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>The timeout when GUARDRAIL_TIMEOUT_SECONDS is not set: the template's default.</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>GUARDRAIL_ROLLBACK as kinds of change (<c>true</c>: every kind); empty when rollback is off.</summary>
    public IReadOnlySet<string> RollbackKinds { get; init; } = new HashSet<string>(Configuration.RollbackKinds.All, StringComparer.Ordinal);

    /// <summary>GUARDRAIL_ACCOUNT_ID: the account the functions run in and guard (the template sets it); what makes a grant same- or cross-account, never an event's field.</summary>
    public string? AccountId { get; init; }

    /// <summary>GUARDRAIL_STATE_KEY_ID: the KMS HMAC key that MACs every state-table item.</summary>
    public string? StateKeyId { get; init; }

    /// <summary>GUARDRAIL_BREAK_GLASS_PARAMETER: the SSM parameter whose value, an expiry time, turns rollbacks off until then; null: no break-glass.</summary>
    public string? BreakGlassParameter { get; init; }

    /// <summary>The access-path settings: clusters, catalog tables, the role to read other accounts with.</summary>
    public PathSettings Paths { get; init; } = PathSettings.None;

    /// <summary>GUARDRAIL_CONFIG: where the configuration document is (<c>s3://bucket/key</c>, <c>ssm:/name</c>, or a file); null: the environment variables configure one account.</summary>
    public string? DocumentLocation { get; init; }

    /// <summary>GUARDRAIL_SCAN_QUEUE_URL: the queue the drift scan puts one message per path on, for the path-scan workers; null: the scan judges the paths itself.</summary>
    public string? ScanQueueUrl { get; init; }

    /// <summary>The configuration document <c>GUARDRAIL_CONFIG</c> names; null: the one the environment variables make.</summary>
    public Documents.ConfigDocument? Document { get; init; }

    /// <summary>The role assumed in other accounts: the organization's member role, else GUARDRAIL_ACCOUNT_ROLE_NAME; null: own credentials only.</summary>
    public string? MemberRoleName => Document?.Organization?.MemberRoleName ?? Paths.AccountRoleName;

    /// <summary>Whether the functions guard an organization (a document with an <c>organization</c>), rather than one account.</summary>
    public bool IsOrganization => Document?.Organization is not null;

    /// <summary>The document the functions follow: <see cref="Document"/>, or the environment variables' in <paramref name="region"/>.</summary>
    public Documents.ConfigDocument EffectiveDocument(string region) => Document ?? Documents.EnvironmentDocument.From(this, region);

    /// <summary>Whether changes of this kind are rolled back (null: a kind that is never restored).</summary>
    public bool RollsBack(string? kind) => Rollback && kind is not null && RollbackKinds.Contains(kind);

    /// <summary>Whether the bucket is protected.</summary>
    public bool Protects(string bucket) => ProtectedBuckets is null || ProtectedBuckets.Contains(bucket);

    /// <summary>The chain prefixes that end in the role with this name (a role may appear in several chains).</summary>
    public IReadOnlyList<IReadOnlyList<RoleArn>> ChainsEndingIn(string roleName) =>
        [.. SpectrumRoles.SelectMany(chain => chain.Select((role, i) => (role, i)).Where(x => x.role.Name == roleName).Select(x => (IReadOnlyList<RoleArn>)[.. chain.Take(x.i + 1)]))
            .DistinctBy(c => string.Join(",", c.Select(r => r.Arn)))];

    /// <summary>Reads and validates the configuration; <paramref name="requireAws"/> asks for the topic and table too.</summary>
    /// <exception cref="GuardrailConfigException">Lists every problem found.</exception>
    public static GuardrailConfig Load(Func<string, string?> environment, bool requireAws)
    {
        var problems = new List<string>(requireAws ? new AwsEndpoints(environment).Problems() : []);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;

        var topic = Get("GUARDRAIL_TOPIC_ARN");
        if (topic is null && requireAws)
        {
            problems.Add("GUARDRAIL_TOPIC_ARN is required (the SNS topic ARN alerts are published to)");
        }
        else if (topic is not null && AwsIdentifiers.SnsTopicArnProblem(topic) is { } topicProblem)
        {
            problems.Add($"GUARDRAIL_TOPIC_ARN {topicProblem}");
        }

        var table = Get("GUARDRAIL_STATE_TABLE");
        if (table is null && requireAws)
        {
            problems.Add("GUARDRAIL_STATE_TABLE is required (the DynamoDB table with partition key pk)");
        }

        // With a configuration document, the paths (their roles, buckets, clusters and tables) are the document's.
        var documentLocation = Get("GUARDRAIL_CONFIG");
        var roles = new List<IReadOnlyList<RoleArn>>();
        foreach (var chain in Split(Get("GUARDRAIL_SPECTRUM_ROLES"), ';', ' ', '\t', '\n', '\r'))
        {
            try
            {
                roles.Add(RoleArn.ParseChain(chain));
            }
            catch (ArgumentException e)
            {
                problems.Add($"GUARDRAIL_SPECTRUM_ROLES: {e.Message}");
            }
        }

        if (roles.Count == 0 && documentLocation is null && !problems.Any(p => p.StartsWith("GUARDRAIL_SPECTRUM_ROLES", StringComparison.Ordinal)))
        {
            problems.Add("GUARDRAIL_SPECTRUM_ROLES is required (the Redshift cluster role ARNs; a chain is arnA,arnB)");
        }

        var bucketsText = Get("GUARDRAIL_PROTECTED_BUCKETS");
        HashSet<string>? buckets = documentLocation is not null && bucketsText is null ? [] : null;
        if (bucketsText is null && documentLocation is null)
        {
            problems.Add("GUARDRAIL_PROTECTED_BUCKETS is required (comma-separated bucket names, or *)");
        }
        else if (bucketsText is not null && bucketsText != "*")
        {
            buckets = [.. Split(bucketsText, ',')];
            foreach (var bucket in buckets)
            {
                if (AwsIdentifiers.BucketNameProblem(bucket) is { } bucketProblem)
                {
                    problems.Add($"GUARDRAIL_PROTECTED_BUCKETS: {bucketProblem}");
                }
            }
        }

        var rollbackKinds = Configuration.RollbackKinds.Parse(Get("GUARDRAIL_ROLLBACK"), problems);
        var rollback = rollbackKinds.Count > 0;
        var account = Get("GUARDRAIL_ACCOUNT_ID");
        if (account is null && requireAws)
        {
            problems.Add("GUARDRAIL_ACCOUNT_ID is required (the 12-digit account the functions run in; the template sets it)");
        }
        else if (account is not null && AwsIdentifiers.AccountIdProblem(account) is { } accountProblem)
        {
            problems.Add($"GUARDRAIL_ACCOUNT_ID {accountProblem}");
        }

        var stateKey = Get("GUARDRAIL_STATE_KEY_ID");
        if (stateKey is null && requireAws)
        {
            problems.Add("GUARDRAIL_STATE_KEY_ID is required (the KMS HMAC key that authenticates the state table's items)");
        }
        else if (stateKey is not null && AwsIdentifiers.KmsKeyProblem(stateKey) is { } keyProblem)
        {
            problems.Add($"GUARDRAIL_STATE_KEY_ID {keyProblem}");
        }

        var breakGlassParameter = Get("GUARDRAIL_BREAK_GLASS_PARAMETER");
        if (breakGlassParameter is not null && !SsmParameterName().IsMatch(breakGlassParameter))
        {
            problems.Add($"GUARDRAIL_BREAK_GLASS_PARAMETER {SafeText.Quote(breakGlassParameter)} is not an SSM parameter name (1-1011 letters, digits and _.-/, starting with /)");
        }

        var cluster = Get("GUARDRAIL_CLUSTER") switch
        {
            null or "provisioned" => ClusterKind.Provisioned,
            "serverless" => ClusterKind.Serverless,
            var other => Problem(problems, $"GUARDRAIL_CLUSTER {SafeText.Quote(other)} must be provisioned or serverless", ClusterKind.Provisioned),
        };

        var vpces = Split(Get("GUARDRAIL_VPCE_IDS"), ',', ' ');
        foreach (var vpce in vpces)
        {
            if (AwsIdentifiers.VpceIdProblem(vpce) is { } vpceProblem)
            {
                problems.Add($"GUARDRAIL_VPCE_IDS: {vpceProblem}");
            }
        }

        var prefixes = Split(Get("GUARDRAIL_PREFIXES"), ',');
        foreach (var prefix in prefixes)
        {
            if (AwsIdentifiers.KeyPrefixProblem(prefix) is { } prefixProblem)
            {
                problems.Add($"GUARDRAIL_PREFIXES: {prefixProblem}");
            }
        }

        var org = Get("GUARDRAIL_ORG_ID");
        if (org is not null && AwsIdentifiers.OrgIdProblem(org) is { } orgProblem)
        {
            problems.Add($"GUARDRAIL_ORG_ID {orgProblem}");
        }

        var breakGlass = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arn in Split(Get("GUARDRAIL_BREAK_GLASS_ROLES"), ',', ';', ' '))
        {
            if (RoleArn.Problem(arn) is { } breakGlassProblem)
            {
                problems.Add($"GUARDRAIL_BREAK_GLASS_ROLES: {breakGlassProblem}");
            }
            else
            {
                breakGlass.Add(arn);
            }
        }

        var maxRollbacks = 3;
        if (Get("GUARDRAIL_MAX_ROLLBACKS") is { } max && (!int.TryParse(max, out maxRollbacks) || maxRollbacks < 1))
        {
            problems.Add($"GUARDRAIL_MAX_ROLLBACKS {SafeText.Quote(max)} must be a whole number of at least 1");
        }

        var timeout = DefaultTimeoutSeconds;
        if (Get("GUARDRAIL_TIMEOUT_SECONDS") is { } seconds && (!int.TryParse(seconds, out timeout) || timeout < 3 || timeout > 900))
        {
            problems.Add($"GUARDRAIL_TIMEOUT_SECONDS {SafeText.Quote(seconds)} must be a whole number of seconds from 3 to 900 (the function's Timeout)");
        }

        var scanQueue = Get("GUARDRAIL_SCAN_QUEUE_URL");
        if (scanQueue is not null && Configuration.ScanQueueUrl.Problem(scanQueue) is { } queueProblem)
        {
            problems.Add(queueProblem);
        }

        var paths = PathSettings.Load(Get, problems);
        if (problems.Count > 0)
        {
            throw new GuardrailConfigException(problems);
        }

        return new GuardrailConfig(topic, table, roles, buckets, rollback, cluster, vpces, prefixes, org, breakGlass, maxRollbacks)
        {
            AccountId = account,
            StateKeyId = stateKey,
            BreakGlassParameter = breakGlassParameter,
            TimeoutSeconds = timeout,
            RollbackKinds = rollbackKinds,
            Paths = paths,
            DocumentLocation = documentLocation,
            ScanQueueUrl = scanQueue,
        };
    }

    private static List<string> Split(string? value, params char[] separators) =>
        value is null ? [] : [.. value.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool Bool(string? value, string name, List<string> problems) => value?.ToLowerInvariant() switch
    {
        null or "false" => false,
        "true" => true,
        _ => Problem(problems, $"{name} {SafeText.Quote(value)} must be true or false", false),
    };

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_.\-/]{1,1010}\z")]
    private static partial Regex SsmParameterName();
}
