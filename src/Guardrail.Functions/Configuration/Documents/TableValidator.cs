using Guardrail.Core.Identifiers;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// A path's table: a bucket (and prefix) in an account and Region, and optionally its Glue entry. <c>database</c> and
/// <c>table</c> go together; <c>catalogAccount</c> goes only with them and defaults to the table's <c>account</c>
/// (the reader fills it in, so a read document always names the catalog's account when it names a table).
/// </summary>
internal static class TableValidator
{
    public static TableEntry? Table(NodeReader read, DocumentNode node, string at)
    {
        if (read.Object(node, at, "account", "region", "bucket", "prefix", "catalogAccount", "database", "table") is not { } o)
        {
            return null;
        }

        var before = read.Problems.Count;
        var account = read.Text(o, "account", at, AwsIdentifiers.AccountIdProblem, "the bucket owner's 12-digit account ID");
        var region = read.Text(o, "region", at, AwsIdentifiers.RegionProblem, "the bucket's Region");
        var bucket = read.Text(o, "bucket", at, ConfigValueRules.BucketOrAlias, "the bucket name (or access point alias)");
        var prefix = read.OptionalText(o, "prefix", at, ConfigValueRules.Prefix) ?? string.Empty;
        var catalog = read.OptionalText(o, "catalogAccount", at, AwsIdentifiers.AccountIdProblem);
        var database = read.OptionalText(o, "database", at, ConfigValueRules.GlueName);
        var table = read.OptionalText(o, "table", at, ConfigValueRules.GlueName);
        var hasDatabase = NodeReader.Has(o, "database");
        var hasTable = NodeReader.Has(o, "table");
        if (hasDatabase != hasTable)
        {
            read.Problems.Add($"{at}.{(hasDatabase ? "table" : "database")}", "missing: database and table are given together (the Glue table the path reads)");
        }
        else if (!hasDatabase && NodeReader.Has(o, "catalogAccount"))
        {
            read.Problems.Add($"{at}.catalogAccount", "is given without database and table; name the Glue table too, or remove it");
        }

        if (read.Problems.Count > before || account is null || region is null || bucket is null)
        {
            return null;
        }

        return database is null
            ? new TableEntry(account, region, bucket, prefix)
            : new TableEntry(account, region, bucket, prefix, catalog ?? account, database, table);
    }
}
