using Guardrail.Changes.CloudFormation;

namespace Guardrail.Changes.Tests.CloudFormation;

public sealed class TemplateParserTests
{
    [Fact]
    public void Yaml_short_forms_become_the_long_form_with_lines()
    {
        var root = (MapNode)YamlTemplateParser.Parse("A: !GetAtt Role.Arn\nB: !GetAtt [Role, Arn]\nC:\n  - !Sub x\n  - !Condition IsProd\n");

        var a = Assert.IsType<MapNode>(root["A"]);
        Assert.Equal("Fn::GetAtt", a.Function);
        Assert.Equal(["Role", "Arn"], ((ListNode)a["Fn::GetAtt"]!).Items.Select(i => ((ScalarNode)i).Value));
        Assert.Equal(2, root["B"]!.Line);
        var c = (ListNode)root["C"]!;
        Assert.Equal(4, c.Items[0].Line);
        Assert.Equal("Condition", ((MapNode)c.Items[1]).Entries[0].Key);
    }

    [Fact]
    public void Yaml_scalars_are_typed_like_json_and_account_ids_stay_text()
    {
        var root = (MapNode)YamlTemplateParser.Parse("a: 012345678901\nb: 12\nc: true\nd: yes\ne: '12'\nf: ~\n");

        Assert.Equal(new ScalarNode(1, "012345678901", ScalarKind.String), root["a"]);
        Assert.Equal(ScalarKind.Number, ((ScalarNode)root["b"]!).Kind);
        Assert.Equal(ScalarKind.Boolean, ((ScalarNode)root["c"]!).Kind);
        Assert.Equal(ScalarKind.String, ((ScalarNode)root["d"]!).Kind);
        Assert.Equal(ScalarKind.String, ((ScalarNode)root["e"]!).Kind);
        Assert.Equal(ScalarKind.Null, ((ScalarNode)root["f"]!).Kind);
    }

    [Fact]
    public void Json_lines_come_from_byte_offsets()
    {
        var root = (MapNode)JsonTemplateParser.Parse("{\n  \"a\": [\n    1,\n    \"é\",\n    {\"b\": null}\n  ]\n}");

        var list = (ListNode)root["a"]!;
        Assert.Equal([3, 4, 5], list.Items.Select(i => i.Line));
        Assert.Equal(2, root.Entries[0].Line);
    }

    [Theory]
    [InlineData("a: 1\n---\nb: 2\n", "more than one YAML document")]
    [InlineData("", "the template is empty")]
    [InlineData("a: [1, 2\n", "not valid YAML")]
    [InlineData("a: &x 1\nb: *x\n", "YAML anchors")]
    [InlineData("a: !!binary aGk=\n", "YAML tag")]
    [InlineData("{\"a\": 1,}", "not valid JSON")]
    [InlineData("{\"a\": 1} {\"b\": 2}", "not valid JSON")]
    public void Malformed_text_is_one_located_line(string text, string message)
    {
        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("template", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_template_over_5_MiB_is_refused_before_parsing()
    {
        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read("Resources: {}\n#" + new string('x', TemplateLimits.MaxChars)));

        Assert.Contains("at most 5,242,880 are read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_values_are_refused()
    {
        var text = "Resources:\n  X:\n    Type: T\n    Properties:\n      L: [" + string.Join(",", Enumerable.Repeat("1", TemplateLimits.MaxNodes)) + "]\n";

        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read(text));

        Assert.Contains("more than 500,000 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_sequences_in_keys_are_escaped_in_messages()
    {
        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read("Resources:\n  \"\\e[31mX\": 1\n"));

        Assert.DoesNotContain('\u001b', e.Message);
        Assert.Contains("\\u001b", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Resources: []\n", "the Resources section is a map")]
    [InlineData("Parameters: {}\n", "the template has no Resources section")]
    [InlineData("Resources:\n  X: {Properties: {}}\n", "template line 2: Resources.X: the resource has no Type")]
    [InlineData("- a\n", "a template is a map of sections")]
    public void The_sections_are_checked(string text, string message)
    {
        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_json_is_refused_at_64_levels()
    {
        var text = "{\"Resources\": " + new string('[', 500) + new string(']', 500) + "}";

        var e = Assert.Throws<ChangeInputException>(() => TemplateReader.Read(text));

        Assert.Contains("nested deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }
}
