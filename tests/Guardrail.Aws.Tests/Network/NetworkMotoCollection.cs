using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>The Lake Formation, EC2 and S3 Control tests: their own moto server, so they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto-lake-network";
}
