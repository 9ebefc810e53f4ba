namespace Guardrail.Cli;

/// <summary>How results are printed.</summary>
public enum OutputFormat
{
    /// <summary>For people.</summary>
    Text,

    /// <summary>The JSON contract (docs/check-output.schema.json).</summary>
    Json,

    /// <summary>SARIF 2.1.0, for code scanning.</summary>
    Sarif,

    /// <summary>JUnit XML, for CI test reports.</summary>
    Junit,
}
