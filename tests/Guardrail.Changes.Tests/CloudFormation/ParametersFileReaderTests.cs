using Guardrail.Changes.CloudFormation;

namespace Guardrail.Changes.Tests.CloudFormation;

public sealed class ParametersFileReaderTests
{
    [Fact]
    public void The_cli_form_is_read()
    {
        var values = ParametersFileReader.Read("""[{"ParameterKey": "A", "ParameterValue": "1"}, {"ParameterKey": "B", "ParameterValue": ""}]""");

        Assert.Equal("1", values["A"]);
        Assert.Equal(string.Empty, values["B"]);
    }

    [Fact]
    public void The_template_configuration_form_is_read()
    {
        var values = ParametersFileReader.Read("""{"Parameters": {"A": "1", "N": 2}, "Tags": {"t": "v"}}""");

        Assert.Equal("1", values["A"]);
        Assert.Equal("2", values["N"]);
    }

    [Theory]
    [InlineData("""[{"ParameterKey": "A", "ParameterValue": "1"}, {"ParameterKey": "A", "ParameterValue": "2"}]""", "parameter \"A\" is given more than once")]
    [InlineData("""[{"ParameterKey": "A", "UsePreviousValue": true}]""", "UsePreviousValue")]
    [InlineData("""[{"ParameterKey": "A"}]""", "[0]: no ParameterValue")]
    [InlineData("""[{"ParameterKey": "A", "ParameterValue": "1", "Extra": 1}]""", "unexpected key \"Extra\"")]
    [InlineData("""[{"ParameterKey": "A", "ParameterKey": "B", "ParameterValue": "1"}]""", "not valid JSON")]
    [InlineData("""{"Parameters": {"A": ["x"]}}""", "Parameters.A: expected a text")]
    [InlineData("""{"Params": {}}""", "unexpected key \"Params\"")]
    [InlineData("\"x\"", "expected [")]
    [InlineData("[", "not valid JSON")]
    public void Bad_files_are_one_line_errors(string text, string message)
    {
        var e = Assert.Throws<ChangeInputException>(() => ParametersFileReader.Read(text, "params.json"));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("params.json: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Size_is_bounded()
    {
        Assert.Throws<ChangeInputException>(() => ParametersFileReader.Read("[" + new string(' ', ParametersFileReader.MaxChars) + "]"));
    }
}
