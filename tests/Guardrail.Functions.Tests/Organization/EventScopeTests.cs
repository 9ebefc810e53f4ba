using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Events;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Tests.Organization;

/// <summary>
/// Which paths an event from a member account may concern. IAM is global and its events are delivered in us-east-1
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html); Organizations' events come from
/// the management account in us-east-1 (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_security_incident-response.html);
/// every other service's from the Region of the resource.
/// </summary>
public sealed class EventScopeTests
{
    private static readonly OrganizationSettings Organization = new("o-a1b2c3d4e5", "999999999999", "SpectrumGuardrailMember");

    private static readonly PathTarget Path = PathTarget.Of(new PathEntry(
        "sales",
        ["arn:aws:iam::111111111111:role/redshift"],
        new ClusterEntry("111111111111", "eu-west-1", ClusterKinds.Provisioned, "analytics", null, null, []),
        [new TableEntry("222222222222", "eu-west-1", "sales-lake", "sales/", "444444444444", "sales", "orders")]));

    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "s3.amazonaws.com", "222222222222", "eu-west-1", true },
        { "s3.amazonaws.com", "222222222222", "us-east-1", false },
        { "s3.amazonaws.com", "333333333333", "eu-west-1", false },
        { "kms.amazonaws.com", "222222222222", "eu-west-1", true },
        { "glue.amazonaws.com", "444444444444", "eu-west-1", true },
        { "redshift.amazonaws.com", "111111111111", "eu-west-1", true },
        { "iam.amazonaws.com", "111111111111", "us-east-1", true },
        { "iam.amazonaws.com", "333333333333", "us-east-1", false },
        { "organizations.amazonaws.com", "999999999999", "us-east-1", true },
        { "organizations.amazonaws.com", "111111111111", "us-east-1", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_event_is_in_a_paths_scope_by_its_account_and_region(string source, string account, string region, bool selected)
    {
        var change = new PolicyChangeEvent("id", source, "AnyCall", account, region, DateTimeOffset.UnixEpoch, new Actor("arn:aws:iam::111111111111:user/a", null, null, null), null, null, null, null, null, false);

        Assert.Equal(selected, EventScope.Selects(Path, change, Organization));
    }

    [Fact]
    public void A_path_spans_the_accounts_of_its_roles_cluster_buckets_and_catalogs()
    {
        Assert.Equal(["111111111111", "222222222222", "444444444444"], Path.Accounts.Order(StringComparer.Ordinal));
        Assert.Equal("eu-west-1", Path.Region);
        Assert.Equal("path#sales", Path.Key);
        Assert.Equal("222222222222", Path.Request.BucketAccounts!["sales-lake"]);
    }
}
