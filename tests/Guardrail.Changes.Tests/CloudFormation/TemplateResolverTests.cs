using Guardrail.Changes.CloudFormation;

namespace Guardrail.Changes.Tests.CloudFormation;

public sealed class TemplateResolverTests
{
    private static readonly ChangeContext Known = new("t.yaml", "111122223333", "eu-west-1", new Dictionary<string, string>(), new Dictionary<string, string>());

    private static TemplateNode? Resolve(string value, ChangeContext? context = null, string extra = "")
    {
        var template = TemplateReader.Read($"{extra}Resources:\n  X:\n    Type: Test::Thing\n    Properties:\n      V: {value}\n");
        return new TemplateResolver(template, context ?? Known).Property(template.Resources[0], "V");
    }

    private static string Text(string value, ChangeContext? context = null, string extra = "") =>
        Assert.IsType<ScalarNode>(Resolve(value, context, extra)).Value;

    [Theory]
    [InlineData("!Sub 'arn:${AWS::Partition}:s3:::${!Literal}-${AWS::Region}'", "arn:aws:s3:::${Literal}-eu-west-1")]
    [InlineData("!Sub ['${A}/${B}', {A: a, B: !Ref AWS::AccountId}]", "a/111122223333")]
    [InlineData("!Join [',', [a, b, !Ref 'AWS::NoValue', c]]", "a,b,c")]
    [InlineData("!Select [1, !Split ['/', 'a/b/c']]", "b")]
    [InlineData("!Base64 hi", "aGk=")]
    [InlineData("!Ref AWS::URLSuffix", "amazonaws.com")]
    public void Functions_resolve(string value, string expected)
        => Assert.Equal(expected, Text(value));

    [Theory]
    [InlineData("!Ref AWS::AccountId", "AWS::AccountId: the account is not given")]
    [InlineData("!Ref AWS::StackName", "AWS::StackName is known only at deployment")]
    [InlineData("!GetAZs ''", "Fn::GetAZs")]
    [InlineData("!Cidr [10.0.0.0/16, 2, 8]", "Fn::Cidr")]
    [InlineData("!Sub '${AWS::AccountId}-x'", "AWS::AccountId")]
    [InlineData("!Join ['', [a, !ImportValue e]]", "Fn::ImportValue")]
    [InlineData("{'Fn::Custom': 1}", "not a function the guardrail evaluates")]
    [InlineData("!Sub '${X.Arn}'", "X.Arn (Test::Thing) is known only after deployment")]
    public void What_cannot_be_known_is_unknown_never_guessed(string value, string reason)
    {
        var unknown = Assert.IsType<UnknownNode>(Resolve(value, ChangeContext.For("t.yaml")));

        Assert.Contains(reason, unknown.Reason, StringComparison.Ordinal);
        Assert.Equal("Resources.X.Properties.V", unknown.Property);
    }

    [Fact]
    public void The_stack_name_is_known_when_given()
    {
        var context = Known with { Parameters = new Dictionary<string, string> { ["AWS::StackName"] = "lake" } };

        Assert.Equal("lake", Text("!Ref AWS::StackName", context));
    }

    [Fact]
    public void The_china_partition_has_its_url_suffix()
    {
        var context = Known with { Region = "cn-north-1" };

        Assert.Equal("aws-cn amazonaws.com.cn", Text("!Sub '${AWS::Partition} ${AWS::URLSuffix}'", context));
    }

    [Fact]
    public void List_parameters_split_on_commas()
    {
        var list = Assert.IsType<ListNode>(Resolve("!Ref Roles", extra: "Parameters:\n  Roles: {Type: CommaDelimitedList, Default: 'a,b'}\n"));

        Assert.Equal(["a", "b"], list.Items.Select(i => ((ScalarNode)i).Value));
    }

    [Fact]
    public void Ssm_parameters_are_unknown()
    {
        Assert.IsType<UnknownNode>(Resolve("!Ref P", extra: "Parameters:\n  P: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /x}\n"));
    }

    [Theory]
    [InlineData("!If [Loop, a, b]", "Conditions:\n  Loop: !Condition Loop\n", "Conditions.Loop: the condition refers back to itself")]
    [InlineData("!If [Missing, a, b]", "", "no condition \"Missing\"")]
    [InlineData("!Select [5, [a]]", "", "past the list's 1 items")]
    [InlineData("!Equals [a, a]", "", "is a condition function")]
    [InlineData("!FindInMap [M, a, b]", "Mappings:\n  M: {a: {c: 1}}\n", "Mappings has no M.a.b")]
    public void Template_mistakes_are_located_errors(string value, string extra, string message)
    {
        var e = Assert.Throws<ChangeInputException>(() => Resolve(value, extra: extra));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("template line ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_whose_name_refers_to_itself_is_an_error_not_a_stack_overflow()
    {
        var template = TemplateReader.Read("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${B}-x'\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref A\n");
        var resolver = new TemplateResolver(template, Known);

        var e = Assert.Throws<ChangeInputException>(() => resolver.BareName(template.Resources[0], 2, "Resources.A"));

        Assert.Contains("refers back to itself", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ref_of_a_resource_prefers_the_physical_id_then_its_name_then_a_placeholder()
    {
        var text = "Resources:\n  Named:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: lake}\n  Unnamed:\n    Type: AWS::S3::Bucket\n  Built:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: ignored}\n";
        var template = TemplateReader.Read(text);
        var resolver = new TemplateResolver(template, Known with { PhysicalIds = new Dictionary<string, string> { ["Built"] = "real-name" } });

        Assert.Equal(["lake", "Unnamed-proposed", "real-name"], template.Resources.Select(r => ((ScalarNode)resolver.BareName(r, 1, "x").Name!).Value));
    }

    [Fact]
    public void A_sub_text_over_the_bound_is_refused_before_it_is_read()
    {
        var e = Assert.Throws<ChangeInputException>(() => Resolve("!Sub '" + new string('x', TemplateLimits.MaxStringLength + 1) + "'"));

        Assert.Contains("the Fn::Sub text has 262,145 characters", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 400, e.Message);
    }
}
