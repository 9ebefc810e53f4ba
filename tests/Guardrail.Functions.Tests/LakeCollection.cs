using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>Its own moto for the Lake Formation and VPC endpoint scenarios, so they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class LakeCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto-lake";
}
