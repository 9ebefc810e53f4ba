using System.Text;
using Guardrail.Changes.Terraform;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Tests.Terraform;

public sealed class TerraformPlanInputTests
{
    private const string Head = """{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[""";
    private static readonly TerraformPlanInput Input = new();

    [Fact]
    public void Its_format_is_terraform_plan() => Assert.Equal("terraform-plan", Input.Format);

    [Fact]
    public void Every_resource_type_of_the_path_has_one_mapper()
    {
        string[] types =
        [
            "aws_s3_bucket_policy", "aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_iam_role_policy_attachment",
            "aws_iam_role_policies_exclusive", "aws_kms_key", "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_ownership_controls", "aws_s3_bucket", "aws_redshift_cluster", "aws_redshift_cluster_iam_roles",
            "aws_redshiftserverless_namespace", "aws_vpc_endpoint", "aws_vpc_endpoint_policy", "aws_lakeformation_permissions",
            "aws_organizations_policy", "aws_organizations_policy_attachment",
        ];
        Assert.Equal(types.Order(StringComparer.Ordinal), ResourceMappers.Types.Order(StringComparer.Ordinal));
        Assert.All(types, t => Assert.Equal(t, ResourceMappers.For(t)!.Type));
    }

    [Fact]
    public void A_plan_over_fifty_mebibytes_is_refused_before_it_is_parsed()
    {
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(Head + new string(' ', 50 * 1024 * 1024) + "]}", ChangeContext.For("big.json")));
        Assert.Equal("plan: larger than 50 MiB", e.Message);
    }

    [Fact]
    public void Characters_that_grow_in_utf8_count_as_their_bytes()
    {
        // 20 Mi characters of three bytes each: 60 MiB.
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(Head + "]," + "\"x\":\"" + new string('€', 20 * 1024 * 1024) + "\"}", ChangeContext.For("big.json")));
        Assert.Contains("larger than 50 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = Head + "]," + "\"x\":" + new string('[', 300) + new string(']', 300) + "}";
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(deep, ChangeContext.For("deep.json")));
        Assert.StartsWith("plan: not valid JSON at line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("deeper than 256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_resource_changes_than_one_overlay_takes_are_refused()
    {
        var many = Head + string.Join(",", Enumerable.Repeat("{}", SnapshotOverlay.MaxChanges + 1)) + "]}";
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(many, ChangeContext.For("many.json")));
        Assert.Equal("plan: resource_changes: more than 20,000 entries", e.Message);
    }

    [Fact]
    public void Joining_entries_stays_linear_in_a_plan_of_twenty_thousand()
    {
        const string RoleEntry = """{"address":"aws_iam_role.r#","type":"aws_iam_role","name":"r#","change":{"actions":["no-op"],"before":{"arn":"arn:aws:iam::111122223333:role/app/r#","name":"r#"},"after":{"arn":"arn:aws:iam::111122223333:role/app/r#","name":"r#"},"after_unknown":{}}}""";
        const string PolicyEntry = """{"address":"aws_iam_role_policy.p#","type":"aws_iam_role_policy","name":"p#","change":{"actions":["update"],"before":{"role":"r#","name":"p","policy":"{}"},"after":{"role":"r#","name":"p","policy":"{\"Statement\":[]}"},"after_unknown":{}}}""";
        var entries = Enumerable.Range(0, 10_000).SelectMany(i => new[] { RoleEntry, PolicyEntry }.Select(e => e.Replace("#", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var changes = Input.Read(Head + string.Join(",\n", entries) + "]}", ChangeContext.For("big.json"));
        Assert.Equal(10_000, changes.Count);
        Assert.Equal("arn:aws:iam::111122223333:role/app/r9999", changes[^1].Subject);
        Assert.Equal(20_000, changes[^1].Source.Line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.ToString());
    }

    [Fact]
    public void Each_change_is_located_at_the_line_of_its_entry()
    {
        var plan = new StringBuilder(Head).Append('\n');
        for (var i = 0; i < 3; i++)
        {
            plan.Append(i > 0 ? ",\n" : string.Empty)
                .Append("""{"address":"aws_s3_bucket_policy.p#","mode":"managed","type":"aws_s3_bucket_policy","name":"p#","change":{"actions":["delete"],"before":{"bucket":"b#","policy":"{}"},"after":null,"after_unknown":{}}}""".Replace("#", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var changes = Input.Read(plan.Append("\n]}").ToString(), ChangeContext.For("lines.json"));
        Assert.Equal([2, 3, 4], changes.Select(c => c.Source.Line!.Value));
        Assert.All(changes, c => Assert.Equal("lines.json", c.Source.File));
    }

    [Fact]
    public void A_hostile_value_in_an_error_is_escaped_and_cut()
    {
        var plan = Head + $$$"""{"address":"a","type":"t","name":"n","change":{"actions":["\u001b[31m{{{new string('x', 500)}}}"]}}]}""";
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(plan, ChangeContext.For("p.json")));
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.Contains("\\u001b[31m", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 300);
    }

    [Theory]
    [InlineData("[]", "plan: expected an object (the output of terraform show -json PLANFILE), found a list")]
    [InlineData("""{"format_version":"0.1","resource_changes":[]}""", "plan: format_version: \"0.1\" is not supported (1.x is)")]
    [InlineData("""{"format_version":1.0,"resource_changes":[]}""", "plan: format_version: expected a string, found a number")]
    [InlineData("""{"format_version":"1.2"}""", "plan: resource_changes: missing: not the output of terraform show -json PLANFILE")]
    [InlineData("""{"format_version":"1.2","resource_changes":{}}""", "plan: resource_changes: expected a list, found an object")]
    [InlineData("""{"format_version":"1.2","resource_changes":[{"address":"a","type":"t","name":"n"}]}""", "plan: resource_changes[0].change: missing")]
    [InlineData("""{"format_version":"1.2","resource_changes":[{"address":"a","type":"t","name":"n","change":{"actions":["update"],"after":{}}}]}""", "plan: resource_changes[0].change.before: missing for an update")]
    [InlineData("""{"format_version":"1.2","resource_changes":[{"address":"a","type":"aws_kms_key","name":"n","change":{"actions":["update"],"before":{"is_enabled":true},"after":{"is_enabled":"no"}}}]}""", "plan: resource_changes[0].change.after.is_enabled: expected a boolean, found a string \"no\"")]
    [InlineData("""{"format_version":"1.2","resource_changes":[{"address":"a","type":"aws_redshift_cluster","name":"n","change":{"actions":["create"],"after":{"cluster_identifier":"c","iam_roles":[1]}}}]}""", "plan: resource_changes[0].change.after.iam_roles[0]: expected a string, found a number")]
    public void A_bad_shape_is_one_line_naming_the_element(string plan, string message)
    {
        var e = Assert.Throws<ChangeInputException>(() => Input.Read(plan, ChangeContext.For("p.json")));
        Assert.Equal(message, e.Message);
    }
}
