using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>The state-tampering reproductions, on a moto server of their own so they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class TamperCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto-tamper";
}
