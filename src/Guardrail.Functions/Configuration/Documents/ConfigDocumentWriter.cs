using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The canonical JSON of a document (<c>guardrail config show</c>): indented, properties in the schema's order,
/// defaults and catalog accounts written out, nulls left out, rollback kinds in <see cref="RollbackKinds.All"/>'s
/// order. What it writes reads back (<see cref="ConfigDocumentReader"/>) as an equal document.
/// </summary>
public static class ConfigDocumentWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", document.Version);
            if (document.Organization is { } org)
            {
                json.WriteStartObject("organization");
                json.WriteString("id", org.Id);
                json.WriteString("managementAccount", org.ManagementAccount);
                json.WriteString("memberRoleName", org.MemberRoleName);
                json.WriteEndObject();
            }

            json.WriteStartObject("defaults");
            WriteRollback(json, document.Defaults.Rollback);
            WriteStrings(json, "breakGlassRoles", document.Defaults.BreakGlassRoles);
            json.WriteNumber("maxRollbacks", document.Defaults.MaxRollbacks);
            json.WriteEndObject();
            json.WriteStartArray("paths");
            foreach (var path in document.Paths)
            {
                WritePath(json, path);
            }

            json.WriteEndArray();
            if (document.Exceptions.Count > 0)
            {
                json.WriteStartArray("exceptions");
                foreach (var exception in document.Exceptions)
                {
                    json.WriteStartObject();
                    json.WriteString("rule", exception.Rule);
                    json.WriteString("resource", exception.Resource);
                    if (exception.Statement is { } statement)
                    {
                        json.WriteString("statement", statement);
                    }

                    json.WriteString("reason", exception.Reason);
                    json.WriteString("expires", exception.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePath(Utf8JsonWriter json, PathEntry path)
    {
        json.WriteStartObject();
        json.WriteString("name", path.Name);
        WriteStrings(json, "roleChain", path.RoleChain);
        if (path.Cluster is { } cluster)
        {
            json.WriteStartObject("cluster");
            json.WriteString("account", cluster.Account);
            json.WriteString("region", cluster.Region);
            json.WriteString("kind", cluster.Kind);
            WriteOptional(json, "id", cluster.Id);
            WriteOptional(json, "namespace", cluster.Namespace);
            WriteOptional(json, "workgroup", cluster.Workgroup);
            WriteStrings(json, "vpcEndpoints", cluster.VpcEndpoints);
            json.WriteEndObject();
        }

        json.WriteStartArray("tables");
        foreach (var table in path.Tables)
        {
            json.WriteStartObject();
            json.WriteString("account", table.Account);
            json.WriteString("region", table.Region);
            json.WriteString("bucket", table.Bucket);
            json.WriteString("prefix", table.Prefix);
            WriteOptional(json, "catalogAccount", table.CatalogAccount);
            WriteOptional(json, "database", table.Database);
            WriteOptional(json, "table", table.Table);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (path.Rollback is { } rollback)
        {
            WriteRollback(json, rollback);
        }

        if (path.BreakGlassRoles is { } roles)
        {
            WriteStrings(json, "breakGlassRoles", roles);
        }

        json.WriteEndObject();
    }

    private static void WriteRollback(Utf8JsonWriter json, RollbackSetting rollback)
    {
        if (!rollback.IsOn || rollback.Equals(RollbackSetting.All))
        {
            json.WriteBoolean("rollback", rollback.IsOn);
            return;
        }

        WriteStrings(json, "rollback", [.. RollbackKinds.All.Where(rollback.Kinds.Contains)]);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
