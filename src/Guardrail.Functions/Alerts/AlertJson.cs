using System.Text.Json.Serialization;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// Source-generated JSON metadata for the alert's message attributes (the <c>rules</c> String.Array), so that
/// alerts need no reflection and the CLI that hosts the functions can be compiled ahead of time (Native AOT).
/// </summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class AlertJson : JsonSerializerContext;
