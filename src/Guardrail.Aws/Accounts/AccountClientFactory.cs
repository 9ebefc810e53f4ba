using System.Collections.Concurrent;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SecurityToken;
using Guardrail.Aws.Calls;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Accounts;

/// <summary>
/// Account-scoped readers and writers for one invocation: the caller's own credentials in its own account; in any
/// other account, <c>sts:AssumeRole</c> into <c>arn:PARTITION:iam::ACCOUNT:role/ROLE_NAME</c> (without a role name,
/// the caller's credentials everywhere). Credentials and clients are made once per account, shared by its readers
/// and writers, and kept for the factory's life, which is one invocation (assumed-role sessions last an hour).
/// Every request is counted in <see cref="Counter"/>.
/// </summary>
public sealed class AccountClientFactory : IAccountReaders, IAccountWriters, IAccountPolicyClients, IDisposable
{
    /// <summary>The session name the guardrail's assumed-role sessions carry (it shows in CloudTrail).</summary>
    public const string SessionName = "spectrum-guardrail";

    private readonly ConcurrentDictionary<string, Lazy<Task<AccountClients>>> accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<IDisposable> owned = [];
    private readonly Lazy<AWSCredentials> ownCredentials;
    private readonly Lazy<IStsSessions> sts;
    private readonly string? accountRoleName;
    private Task<string>? ownAccount;

    /// <param name="endpoints">Where each service is reached (emulator overrides included).</param>
    /// <param name="region">The Region of the path's regional resources (cluster, buckets, catalog, keys named without a Region).</param>
    /// <param name="accountRoleName">The role to assume in other accounts (a name, or path/name); null to use the caller's credentials everywhere.</param>
    /// <param name="counter">Counts every request.</param>
    /// <param name="credentials">The caller's credentials; null for the SDK's default chain.</param>
    /// <param name="network">The network end of the Query and JSON clients' pipeline (tests answer with recorded bodies); null for sockets.</param>
    /// <param name="stsSessions">STS; null for the SDK client.</param>
    public AccountClientFactory(AwsEndpoints endpoints, string region, string? accountRoleName, AwsCallCounter counter, AWSCredentials? credentials = null, HttpMessageHandler? network = null, IStsSessions? stsSessions = null)
    {
        Endpoints = endpoints;
        Region = region;
        this.accountRoleName = string.IsNullOrWhiteSpace(accountRoleName) ? null : accountRoleName.Trim().Trim('/');
        Counter = counter;
        Network = network;
        ownCredentials = new Lazy<AWSCredentials>(() => credentials ?? new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null));
        sts = new Lazy<IStsSessions>(() => stsSessions ?? new SdkStsSessions(Own(new AmazonSecurityTokenServiceClient(ownCredentials.Value, StsConfig())), counter));
    }

    public AwsEndpoints Endpoints { get; }

    public string Region { get; }

    public AwsCallCounter Counter { get; }

    internal HttpMessageHandler? Network { get; }

    public Task<string> OwnAccountAsync(CancellationToken cancellationToken) =>
        ownAccount ??= CredentialsCall("sts:GetCallerIdentity", () => sts.Value.GetCallerAccountAsync(cancellationToken));

    public async Task<IPathReaders> ForAccountAsync(string account, CancellationToken cancellationToken) =>
        (await ClientsAsync(account, cancellationToken).ConfigureAwait(false)).Readers;

    public async Task<IPathWriters> WritersForAccountAsync(string account, CancellationToken cancellationToken) =>
        (await ClientsAsync(account, cancellationToken).ConfigureAwait(false)).Writers;

    public async Task<IBucketPolicies> BucketPoliciesAsync(string account, CancellationToken cancellationToken) =>
        new S3BucketPolicies((await ClientsAsync(account, cancellationToken).ConfigureAwait(false)).Connections.S3);

    public async Task<Iam.IIamRoles> RolesAsync(string account, CancellationToken cancellationToken) =>
        new Iam.QueryIamRoles((await ClientsAsync(account, cancellationToken).ConfigureAwait(false)).Connections.Iam);

    /// <summary>The role assumed in <paramref name="account"/>.</summary>
    public string RoleArnIn(string account) =>
        $"arn:{RegionEndpoint.GetBySystemName(Region).PartitionName ?? "aws"}:iam::{account}:role/{accountRoleName}";

    public void Dispose()
    {
        while (owned.TryTake(out var item))
        {
            item.Dispose();
        }
    }

    /// <summary>Keeps <paramref name="item"/> until the factory is disposed.</summary>
    internal T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    internal AmazonS3Config S3Config() => S3BucketPolicies.Config(Endpoints, Region);

    internal AmazonKeyManagementServiceConfig KmsConfig(string region)
    {
        var config = new AmazonKeyManagementServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (Endpoints.Override("KMS") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return config;
    }

    private AmazonSecurityTokenServiceConfig StsConfig()
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(Region) };
        if (Endpoints.Override("STS") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return config;
    }

    private Task<AccountClients> ClientsAsync(string account, CancellationToken cancellationToken) =>
        accounts.GetOrAdd(account, a => new Lazy<Task<AccountClients>>(() => CreateAsync(a, cancellationToken))).Value;

    private async Task<AccountClients> CreateAsync(string account, CancellationToken cancellationToken)
    {
        var own = await OwnAccountAsync(cancellationToken).ConfigureAwait(false);
        if (account == own || accountRoleName is null)
        {
            return Clients(account, ownCredentials.Value);
        }

        var role = RoleArnIn(account);
        try
        {
            return Clients(account, await sts.Value.AssumeRoleAsync(role, SessionName, cancellationToken).ConfigureAwait(false));
        }
        catch (AwsCallException e) when (e.Resource is null)
        {
            throw new AwsCallException(e.Call, e.Code, e.Detail, e) { Resource = role };
        }
    }

    private AccountClients Clients(string account, AWSCredentials credentials)
    {
        var connections = new AccountConnections(this, account, credentials);
        return new AccountClients(new AccountReaders(this, connections), new AccountWriters(Counter, connections), connections);
    }

    // Resolving the default credential chain can fail before any request is sent (no credentials at all).
    private static async Task<T> CredentialsCall<T>(string call, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new AwsCallException(call, AwsCallException.NoCredentialsCode, e.Message, e);
        }
    }

    private sealed record AccountClients(IPathReaders Readers, IPathWriters Writers, AccountConnections Connections);
}
