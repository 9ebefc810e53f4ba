using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>What the reader makes of valid documents, and the bounds it keeps.</summary>
public sealed class ConfigReaderTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", name));

    [Fact]
    public void The_single_account_example_reads_into_the_document_it_describes()
    {
        var document = ConfigDocumentReader.Read(Example("single-account.json")).Document!;
        Assert.Null(document.Organization);
        Assert.Equal(new RollbackSetting(new HashSet<string> { "bucket-policy", "trust-policy" }), document.Defaults.Rollback);
        var path = Assert.Single(document.Paths);
        Assert.Equal(new ClusterEntry("111122223333", "us-east-1", "provisioned", "analytics", null, null, []) with { VpcEndpoints = path.Cluster!.VpcEndpoints }, path.Cluster);
        Assert.Empty(path.Cluster.VpcEndpoints);

        // The catalog's account defaults to the table's.
        Assert.Equal(new TableEntry("111122223333", "us-east-1", "amzn-s3-demo-bucket", "sales/", "111122223333", "sales", "orders"), Assert.Single(path.Tables));
        Assert.Null(path.Rollback);
        Assert.Null(path.BreakGlassRoles);
    }

    [Fact]
    public void The_yaml_example_reads_like_its_json()
    {
        var document = ConfigDocumentReader.Read(Example("organization.yaml")).Document!;
        Assert.Equal(new OrganizationSettings("o-a1b2c3d4e5", "111111111111", "guardrail/SpectrumGuardrailMember"), document.Organization);
        Assert.Equal(RollbackSetting.All, document.Defaults.Rollback);
        Assert.Equal(["finance-orders", "marketing"], document.Paths.Select(p => p.Name));
        Assert.Equal(["vpce-0123456789abcdef0"], document.Paths[0].Cluster!.VpcEndpoints);
        Assert.Equal("444444444444", document.Paths[0].Tables[0].CatalogAccount);
        Assert.Equal(string.Empty, document.Paths[1].Tables[0].Prefix);
        Assert.Equal(new RollbackSetting(new HashSet<string> { "bucket-policy" }), document.Paths[1].Rollback);
        Assert.Equal([], document.Paths[1].BreakGlassRoles!);
        var json = ConfigDocumentReader.Read(ConfigDocumentWriter.Write(document)).Document!;
        Assert.Equal(ConfigDocumentWriter.Write(document), ConfigDocumentWriter.Write(json));
    }

    [Fact]
    public void A_yaml_account_with_a_leading_zero_stays_text()
    {
        const string yaml = """
            version: 1
            paths:
              - name: sales
                roleChain: [arn:aws:iam::012345678901:role/redshift]
                tables:
                  - {account: 012345678901, region: us-east-1, bucket: amzn-s3-demo-bucket}
            """;
        var result = ConfigDocumentReader.Read(yaml);
        Assert.Empty(result.Problems);
        Assert.Equal("012345678901", result.Document!.Paths[0].Tables[0].Account);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_document()
    {
        Assert.True(ConfigDocumentReader.Read("\uFEFF" + Example("single-account.json")).IsValid);
        Assert.True(ConfigDocumentReader.Read("\uFEFF" + Example("organization.yaml")).IsValid);
    }

    [Fact]
    public void A_document_over_one_mebibyte_is_refused_unread()
    {
        var text = Example("single-account.json") + new string(' ', DocumentLimits.MaxBytes);
        Assert.Equal(["$: the document is larger than 1,048,576 bytes, the most read"], ConfigDocumentReader.Read(text).Problems);
    }

    [Theory]
    [InlineData("{\"version\": 1, \"paths\": ", "[", "]")]
    [InlineData("version: 1\npaths: ", "[", "]")]
    public void Nesting_deeper_than_the_limit_is_one_problem(string head, string open, string close)
    {
        var depth = 10_000;
        var text = head + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + (head.StartsWith('{') ? "}" : string.Empty);
        var problem = Assert.Single(ConfigDocumentReader.Read(text).Problems);
        Assert.Contains("nested deeper than 16 levels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void More_paths_than_the_limit_are_refused_without_reading_them()
    {
        var paths = string.Join(",", Enumerable.Repeat("{}", DocumentLimits.MaxPaths + 1));
        Assert.Equal(["$.paths: has 5,001 entries; at most 5,000 are read"], ConfigDocumentReader.Read($"{{\"version\":1,\"paths\":[{paths}]}}").Problems);
    }

    [Fact]
    public void Problems_are_capped_and_the_rest_counted()
    {
        var paths = string.Join(",", Enumerable.Repeat("{\"name\": \"bad name\"}", 200));
        var problems = ConfigDocumentReader.Read($"{{\"version\":1,\"paths\":[{paths}]}}").Problems;
        Assert.Equal(DocumentLimits.MaxProblems + 1, problems.Count);
        Assert.Equal("$: 500 more problems not shown", problems[^1]);
    }

    [Fact]
    public void Serverless_reads_its_namespace_and_workgroup()
    {
        var result = ConfigDocumentReader.Read(Example("organization.yaml"));
        var cluster = result.Document!.Paths[0].Cluster!;
        Assert.Equal(("serverless", null, "finance", "finance-wg"), (cluster.Kind, cluster.Id, cluster.Namespace, cluster.Workgroup));
    }

    [Fact]
    public void An_access_point_alias_is_a_bucket_but_a_reserved_suffix_is_not()
    {
        var alias = Example("single-account.json").Replace("amzn-s3-demo-bucket", "my-ap-hrzrlukc5m36ft7okagglf3gmwluquse1b-s3alias", StringComparison.Ordinal);
        Assert.True(ConfigDocumentReader.Read(alias).IsValid);
        var mrap = Example("single-account.json").Replace("amzn-s3-demo-bucket", "amzn-s3-demo.mrap", StringComparison.Ordinal);
        Assert.Contains("the suffix .mrap is reserved", Assert.Single(ConfigDocumentReader.Read(mrap).Problems), StringComparison.Ordinal);
    }
}
