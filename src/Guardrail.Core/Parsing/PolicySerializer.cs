using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Writes a <see cref="PolicyDocument"/> as canonical policy JSON: statements always as an array,
/// single values as strings, multiple as arrays, condition values as strings. Parsing the output
/// gives back the same model.
/// </summary>
public static class PolicySerializer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes the document.</summary>
    public static string ToJson(PolicyDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            if (document.Version is not null)
            {
                writer.WriteString("Version", document.Version);
            }

            if (document.Id is not null)
            {
                writer.WriteString("Id", document.Id);
            }

            writer.WriteStartArray("Statement");
            foreach (var statement in document.Statements)
            {
                WriteStatement(writer, statement);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Serializes one statement (compact), for statement-level diffs.</summary>
    public static string StatementToJson(Statement statement)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteStatement(writer, statement);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter writer, Statement statement)
    {
        writer.WriteStartObject();
        if (statement.Sid is not null)
        {
            writer.WriteString("Sid", statement.Sid);
        }

        writer.WriteString("Effect", statement.Effect.ToString());
        if (statement.Principal is { } principal)
        {
            writer.WritePropertyName(principal.Negated ? "NotPrincipal" : "Principal");
            WritePrincipal(writer, principal.Spec);
        }

        WriteList(writer, statement.Action.Negated ? "NotAction" : "Action", statement.Action.Patterns);
        if (statement.Resource is { } resource)
        {
            WriteList(writer, resource.Negated ? "NotResource" : "Resource", resource.Patterns);
        }

        if (statement.Conditions.Count > 0)
        {
            writer.WriteStartObject("Condition");
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator.Name, StringComparer.Ordinal))
            {
                writer.WriteStartObject(group.Key);
                foreach (var clause in group)
                {
                    WriteList(writer, clause.Key, clause.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, PrincipalSpec spec)
    {
        if (spec.IsBareWildcard)
        {
            writer.WriteStringValue("*");
            return;
        }

        writer.WriteStartObject();
        foreach (var group in spec.Entries.GroupBy(e => e.Type, StringComparer.Ordinal))
        {
            WriteList(writer, group.Key, [.. group.Select(e => e.Value)]);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
