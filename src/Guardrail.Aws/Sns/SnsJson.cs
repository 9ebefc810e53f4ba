using System.Text.Json.Serialization;

namespace Guardrail.Aws.Sns;

/// <summary>
/// Source-generated JSON metadata for the SNS message structure, so that publishing needs no reflection and the
/// CLI can be compiled ahead of time (Native AOT) without trim warnings.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SnsJson : JsonSerializerContext;
