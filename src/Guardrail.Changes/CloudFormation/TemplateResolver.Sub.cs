using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary><c>Fn::Sub</c>: <c>${Name}</c> from its variables, then parameters, pseudo parameters and resources; <c>${A.B}</c> is <c>Fn::GetAtt</c>; <c>${!Literal}</c> is written as <c>${Literal}</c>.</summary>
internal sealed partial class TemplateResolver
{
    private TemplateNode Sub(TemplateNode argument, int line, string path)
    {
        var (textNode, variablesNode) = argument switch
        {
            ScalarNode { Kind: ScalarKind.String } s => (s, null),
            ListNode { Items: [ScalarNode { Kind: ScalarKind.String } s, MapNode v] } => (s, v),
            _ => throw TemplateErrors.At(argument, path, "Fn::Sub takes a text, or [Text, {Variables}]"),
        };
        var text = textNode.Value;
        if (text.Length > TemplateLimits.MaxStringLength)
        {
            throw TemplateErrors.At(textNode, path, $"the Fn::Sub text has {text.Length:N0} characters; at most {TemplateLimits.MaxStringLength:N0} are read");
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("${", at, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }

            result.Append(text, at, open - at);
            var close = text.IndexOf('}', open + 2);
            if (close < 0)
            {
                result.Append(text, open, text.Length - open);
                break;
            }

            var name = text[(open + 2)..close];
            at = close + 1;
            if (name.StartsWith('!'))
            {
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
                continue;
            }

            switch (Variable(name.Trim(), variablesNode, line, path))
            {
                case ScalarNode value:
                    result.Append(value.Value);
                    break;
                case UnknownNode unknown:
                    return unknown;
                default:
                    throw TemplateErrors.At(textNode, path, $"Fn::Sub: ${{{SafeText.Echo(name)}}} is not a text");
            }

            if (result.Length > TemplateLimits.MaxStringLength)
            {
                throw TemplateErrors.At(textNode, path, $"Fn::Sub makes a text longer than {TemplateLimits.MaxStringLength:N0} characters");
            }
        }

        return new ScalarNode(line, result.ToString(), ScalarKind.String);
    }

    private TemplateNode? Variable(string name, MapNode? variables, int line, string path)
    {
        if (variables?[name] is { } given)
        {
            return Resolve(given, path);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return GetAtt(new ListNode(line, [new ScalarNode(line, name[..dot], ScalarKind.String), new ScalarNode(line, name[(dot + 1)..], ScalarKind.String)]), line, path);
        }

        return name.Length == 0 ? throw TemplateErrors.At(line, path, "Fn::Sub: ${} names nothing") : Ref(name, line, path);
    }
}
