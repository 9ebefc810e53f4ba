using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>The document's names of the two cluster kinds.</summary>
public static class ClusterKinds
{
    public const string Provisioned = "provisioned";

    public const string Serverless = "serverless";

    /// <summary>The kind a document names (anything but <c>serverless</c> is provisioned: the reader admits only the two).</summary>
    public static ClusterKind Of(string name) => name == Serverless ? ClusterKind.Serverless : ClusterKind.Provisioned;
}
