using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>The one shape of a template error: <c>template line 12: Resources.LakePolicy.Properties: ...</c>.</summary>
internal static class TemplateErrors
{
    public static ChangeInputException At(int line, string path, string message) =>
        new(SafeText.Line(line > 0 ? $"template line {line}: {path}: {message}" : $"template: {path}: {message}"));

    public static ChangeInputException At(TemplateNode node, string path, string message) => At(node.Line, path, message);

    public static string Property(string path, string key) =>
        path.Length == 0 ? Key(key) : $"{path}.{Key(key)}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    // A key is shown as itself when it is a plain name, escaped and cut otherwise.
    private static string Key(string key) =>
        key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-') ? key : SafeText.Quote(key);
}
