using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>The single-account environment variables as a document: valid for the reader, and the same paths as always.</summary>
public sealed class EnvironmentDocumentTests
{
    private static GuardrailConfig Load(params (string Key, string Value)[] variables)
    {
        var env = new Dictionary<string, string>
        {
            ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::111122223333:role/hop,arn:aws:iam::444455556666:role/reader;arn:aws:iam::111122223333:role/redshift",
            ["GUARDRAIL_PROTECTED_BUCKETS"] = "sales-lake,finance-lake",
            ["GUARDRAIL_PREFIXES"] = "orders/,ledger/",
            ["GUARDRAIL_ACCOUNT_ID"] = "111122223333",
        };
        foreach (var (key, value) in variables)
        {
            env[key] = value;
        }

        return GuardrailConfig.Load(name => env.GetValueOrDefault(name), requireAws: false);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("analytics,serverless:finance/finance-wg", "")]
    [InlineData("", "999988887777/sales/orders")]
    public void The_environments_document_is_valid_and_reads_back_as_itself(string clusters, string catalogTables)
    {
        var config = Load(("GUARDRAIL_CLUSTERS", clusters), ("GUARDRAIL_CATALOG_TABLES", catalogTables), ("GUARDRAIL_CLUSTER", "serverless"), ("GUARDRAIL_VPCE_IDS", "vpce-0123456789abcdef0"));
        var document = EnvironmentDocument.From(config, "eu-west-1");

        var read = ConfigDocumentReader.Read(ConfigDocumentWriter.Write(document));

        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        Assert.Equal(ConfigDocumentWriter.Write(document), ConfigDocumentWriter.Write(read.Document!));
    }

    [Fact]
    public void The_paths_keep_the_state_keys_single_account_deployments_have_always_had()
    {
        var config = Load(("GUARDRAIL_CLUSTERS", "analytics"));

        var targets = PathTarget.From(config, "eu-west-1");

        Assert.Equal(["path#hop,reader@analytics", "path#redshift@analytics"], targets.Select(t => t.Key));
        Assert.All(targets, t => Assert.Equal(4, t.Request.Tables.Count));
        Assert.All(targets, t => Assert.False(t.Named));
    }
}
