using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>The template's <c>Conditions</c>: <c>Fn::Equals</c>, <c>Fn::And</c>, <c>Fn::Or</c>, <c>Fn::Not</c>, <c>Condition</c>; null when a value they compare is unknown.</summary>
internal sealed partial class TemplateResolver
{
    private readonly Dictionary<string, bool?> conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> evaluating = new(StringComparer.Ordinal);

    public bool? Condition(string name, int line, string path)
    {
        if (conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        var node = Template.Conditions[name] ?? throw TemplateErrors.At(line, path, $"no condition {SafeText.Quote(name)} in Conditions");
        if (!evaluating.Add(name) || evaluating.Count > TemplateLimits.MaxReferenceDepth)
        {
            throw TemplateErrors.At(node, $"Conditions.{name}", "the condition refers back to itself");
        }

        try
        {
            var value = Evaluate(node, TemplateErrors.Property("Conditions", name));
            conditions[name] = value;
            return value;
        }
        finally
        {
            evaluating.Remove(name);
        }
    }

    private bool? Evaluate(TemplateNode node, string path)
    {
        if (++steps > TemplateLimits.MaxResolveSteps)
        {
            throw TemplateErrors.At(node, path, $"resolving the template takes more than {TemplateLimits.MaxResolveSteps:N0} steps");
        }

        if (node is ScalarNode { Kind: ScalarKind.Boolean } b)
        {
            return b.Value == "true";
        }

        if (node is not MapNode { Entries: [var entry] })
        {
            throw TemplateErrors.At(node, path, "a condition is Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
        }

        var inner = TemplateErrors.Property(path, entry.Key);
        switch (entry.Key)
        {
            case "Condition" when entry.Value is ScalarNode { Kind: ScalarKind.String } name:
                return Condition(name.Value, entry.Line, inner);
            case "Fn::Equals" when entry.Value is ListNode { Items: [var left, var right] }:
                var a = Resolve(left, inner);
                var b2 = Resolve(right, inner);
                return a is UnknownNode || b2 is UnknownNode ? null : Same(a, b2);
            case "Fn::Not" when entry.Value is ListNode { Items: [var operand] }:
                return !Evaluate(operand, inner);
            case "Fn::And" when entry.Value is ListNode { Items.Count: >= 2 and <= 10 } all:
                var values = all.Items.Select(i => Evaluate(i, inner)).ToList();
                return values.Contains(false) ? false : values.Contains(null) ? null : true;
            case "Fn::Or" when entry.Value is ListNode { Items.Count: >= 2 and <= 10 } any:
                var options = any.Items.Select(i => Evaluate(i, inner)).ToList();
                return options.Contains(true) ? true : options.Contains(null) ? null : false;
            default:
                throw TemplateErrors.At(node, inner, "not a condition function (Fn::Equals [a, b], Fn::And/Fn::Or [2-10 conditions], Fn::Not [condition], Condition name)");
        }
    }

    private static bool Same(TemplateNode? a, TemplateNode? b) => (a, b) switch
    {
        (null, null) => true,
        (ScalarNode x, ScalarNode y) => x.Value == y.Value,
        (ListNode x, ListNode y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (MapNode x, MapNode y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => Same(e.Value, y[e.Key])),
        _ => false,
    };
}
