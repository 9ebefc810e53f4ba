using System.Text.Json;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Reads a statement's <c>Condition</c> element from a <see cref="Utf8JsonReader"/>: operators, each with its keys and
/// values, in document order; a repeated operator or key (ignoring case), an unknown operator, a missing value or one
/// its operator cannot compare is refused. One instance is reused for every statement of a parse.
/// </summary>
internal sealed class ConditionReader(Utf8StringPool pool)
{
    private readonly DistinctNames operatorNames = new();
    private readonly DistinctNames keyNames = new();
    private readonly List<ConditionClause> clauses = [];
    private readonly List<string> values = [];
    private readonly ConditionOperatorCache operators = new();
    private readonly CheckedValues checkedValues = new();

    /// <summary>The clauses of the condition object the reader is on; leaves the reader on its end.</summary>
    public ConditionClause[] Read(ref Utf8JsonReader reader, in ElementPath path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"expected an object of condition operators, got {JsonTokens.Describe(ref reader)}");
        }

        clauses.Clear();
        operatorNames.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = reader.ValueIsEscaped ? null : operators.Find(reader.ValueSpan);
            var name = known?.Name ?? JsonValues.Name(ref reader, path, pool);
            var operatorPath = path.Child(name);
            if (!operatorNames.Add(name))
            {
                throw Error(operatorPath, $"duplicate condition operator {SafeText.Quote(name)}");
            }

            var op = known;
            if (op is null)
            {
                if (!ConditionOperatorParser.TryParse(name, out op, out var error))
                {
                    throw Error(operatorPath, error);
                }

                if (!reader.ValueIsEscaped)
                {
                    operators.Add(reader.ValueSpan, op!);
                }
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(operatorPath, $"expected an object of condition keys, got {JsonTokens.Describe(ref reader)}");
            }

            ReadKeys(ref reader, op!, operatorPath);
        }

        return [.. clauses];
    }

    private void ReadKeys(ref Utf8JsonReader reader, ConditionOperator op, in ElementPath operatorPath)
    {
        keyNames.Clear();
        var keyCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = JsonValues.Name(ref reader, operatorPath, pool);
            var keyPath = operatorPath.Child(key);
            if (!keyNames.Add(key))
            {
                throw Error(keyPath, $"duplicate condition key {SafeText.Quote(key)}");
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                throw Error(operatorPath, "a condition key is empty");
            }

            reader.Read();
            var keyValues = ReadValues(ref reader, keyPath);
            foreach (var value in keyValues)
            {
                checkedValues.Validate(op, value, keyPath);
            }

            clauses.Add(new ConditionClause(op, key, keyValues));
            keyCount++;
        }

        if (keyCount == 0)
        {
            throw Error(operatorPath, "names no condition key");
        }
    }

    private string[] ReadValues(ref Utf8JsonReader reader, in ElementPath path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [JsonValues.Scalar(ref reader, path, pool)];
        }

        values.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(JsonValues.Scalar(ref reader, path, pool));
        }

        return values.Count > 0 ? [.. values] : throw Error(path, "needs at least one value");
    }

    private static PolicyParseException Error(in ElementPath path, string detail) => new(path.ToString(), detail);
}
