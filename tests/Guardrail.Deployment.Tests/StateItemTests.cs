using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The state table: only the four function roles write it (its resource policy), each only its own item kinds
/// (partition-key prefixes, in both its identity policy and the table's policy); the drift scan reads any item and
/// writes only baselines and alert marks.
/// </summary>
public sealed class StateItemTests
{
    private const string Table = "arn:aws:dynamodb:us-east-1:123456789012:table/StateTable";

    private static readonly string[] Writes = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

    // Each function role, one item of each kind it owns, and items of other functions it must not write.
    public static TheoryData<string, string[], string[]> Owners() => new()
    {
        { "BucketPolicyFunctionRole", ["event#bucket-policy#e1", "outbox#bucket-policy#e1", "knowngood#bucket#lake", "rollbacks#bucket#lake"], ["knowngood#role#r", "event#trust-policy#e1", "knowngood#path#p", "alerted#bucket#lake", "knowngood#bucketx"] },
        { "TrustPolicyFunctionRole", ["event#trust-policy#e1", "outbox#trust-policy#e1", "knowngood#role#reader", "rollbacks#role#reader"], ["knowngood#bucket#lake", "outbox#access-path#e1", "rollbacks#path#p"] },
        { "AccessPathFunctionRole", ["event#access-path#e1", "outbox#access-path#e1", "knowngood#path#sales", "rollbacks#path#sales"], ["knowngood#bucket#x", "event#bucket-policy#e1", "rollbacks#role#reader"] },
        { "DriftScanFunctionRole", ["knowngood#bucket#lake", "knowngood#role#reader", "knowngood#path#sales", "alerted#bucket#lake"], ["rollbacks#bucket#lake", "event#bucket-policy#e1", "outbox#trust-policy#e1"] },
    };

    private static PolicyDocument TablePolicy() =>
        PolicyCheck.Parse(TemplateTool.Resources()["StateTable"]!["Properties"]!["ResourcePolicy"]!["PolicyDocument"]!, PolicyKind.Bucket);

    [Theory]
    [MemberData(nameof(Owners))]
    public void Each_function_writes_its_own_item_kinds_and_no_other(string role, string[] own, string[] others)
    {
        var policies = PolicyCheck.RolePolicies(TemplateTool.Resources(), role);
        var table = TablePolicy();
        var arn = PolicyCheck.RoleArnOf(role);

        foreach (var action in Writes)
        {
            Assert.All(own, pk => Assert.True(PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys(pk))), $"{role} {action} {pk}"));
            Assert.All(own, pk => Assert.False(PolicyCheck.Denies(table, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys(pk))), $"table denies {role} {action} {pk}"));
            Assert.All(others, pk => Assert.False(PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys(pk))), $"{role} {action} {pk}"));
            Assert.All(others, pk => Assert.True(PolicyCheck.Denies(table, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys(pk))), $"table allows {role} {action} {pk}"));

            // One foreign key among its own (a batch, or a condition check on another item) is refused as a whole.
            Assert.False(PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys([own[0], others[0]]))));
            Assert.True(PolicyCheck.Denies(table, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys([own[0], others[0]]))));

            // A write whose keys the request does not carry is not granted.
            Assert.False(PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(arn, action, Table)));
        }

        Assert.All(["dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate", "dynamodb:DeleteTable"], action =>
            Assert.False(PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(arn, action, Table, PolicyCheck.LeadingKeys(own[0]))), action));
    }

    [Fact]
    public void The_event_functions_read_only_their_own_items_and_the_drift_scan_reads_any()
    {
        var resources = TemplateTool.Resources();
        bool Reads(string role, string pk) =>
            PolicyCheck.IdentityAllows(PolicyCheck.RolePolicies(resources, role), PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), "dynamodb:GetItem", Table, PolicyCheck.LeadingKeys(pk)));

        Assert.True(Reads("BucketPolicyFunctionRole", "knowngood#bucket#lake"));
        Assert.False(Reads("BucketPolicyFunctionRole", "knowngood#role#reader"));
        Assert.True(Reads("AccessPathFunctionRole", "rollbacks#path#sales"));
        Assert.False(Reads("AccessPathFunctionRole", "rollbacks#bucket#lake"));
        Assert.All(new[] { "rollbacks#bucket#lake", "event#trust-policy#e1", "outbox#access-path#e1", "alerted#role#reader" }, pk => Assert.True(Reads("DriftScanFunctionRole", pk), pk));
    }

    [Theory]
    [InlineData("dynamodb:PutItem")]
    [InlineData("dynamodb:UpdateItem")]
    [InlineData("dynamodb:DeleteItem")]
    [InlineData("dynamodb:BatchWriteItem")]
    [InlineData("dynamodb:PartiQLInsert")]
    [InlineData("dynamodb:PartiQLUpdate")]
    [InlineData("dynamodb:PartiQLDelete")]
    public void The_table_refuses_writes_by_anyone_but_the_functions_whatever_their_identity_policies_allow(string action)
    {
        var table = TablePolicy();

        // A PowerUser-like role of the account, an administrator, another account: each with any item key.
        foreach (var principal in new[] { "arn:aws:iam::123456789012:role/PowerUser", "arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::444455556666:role/BucketPolicyFunctionRole" })
        {
            Assert.True(PolicyCheck.Denies(table, PolicyCheck.ByRole(principal, action, Table, PolicyCheck.LeadingKeys("knowngood#bucket#lake"))), principal);
            Assert.True(PolicyCheck.Denies(table, PolicyCheck.ByRole(principal, action, Table)), principal);
        }

        // Reads and the control plane are IAM's (and the example SCP's) to govern.
        Assert.False(PolicyCheck.Denies(table, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/PowerUser", "dynamodb:GetItem", Table, PolicyCheck.LeadingKeys("knowngood#bucket#lake"))));
    }
}
