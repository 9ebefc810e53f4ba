using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Organization;

/// <summary>The organization-mode scenarios, on a moto server of their own so they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class OrganizationCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto-organization";
}
