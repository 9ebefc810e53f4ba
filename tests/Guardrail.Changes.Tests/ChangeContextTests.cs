namespace Guardrail.Changes.Tests;

public sealed class ChangeContextTests
{
    [Theory]
    [InlineData(null, "aws")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public void The_partition_follows_the_region(string? region, string partition) =>
        Assert.Equal(partition, (ChangeContext.For("t.yaml") with { Region = region }).Partition);
}
