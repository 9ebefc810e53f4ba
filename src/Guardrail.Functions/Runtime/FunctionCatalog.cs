using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Runtime;

/// <summary>
/// The functions the Native AOT bootstrap can run, found by the <c>_HANDLER</c> Lambda sets from the template's
/// <c>Handler</c>: the managed runtime's handler string
/// (<c>Guardrail.Functions::Guardrail.Functions.BucketPolicyFunction::Handle</c>) or the short name
/// (<c>bucket-policy</c>, <c>trust-policy</c>, <c>access-path</c>, <c>drift-scan</c>, <c>path-scan-worker</c>, <c>hook</c>). No reflection: the
/// bootstrap is trimmed, so each function is named here.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> Entries { get; } =
    [
        new("bucket-policy", nameof(BucketPolicyFunction), host => new BucketPolicyFunction(host).Handle),
        new("trust-policy", nameof(TrustPolicyFunction), host => new TrustPolicyFunction(host).Handle),
        new(AccessPathHandling.Function, nameof(AccessPathFunction), host => new AccessPathFunction(host).Handle),
        new("drift-scan", nameof(DriftScanFunction), host => new DriftScanFunction(host).Handle),
        new("path-scan-worker", nameof(PathScanWorkerFunction), host => new PathScanWorkerFunction(host).Handle),
        new(Hooks.HookHandling.Function, nameof(HookFunction), host => new HookFunction(host).Handle),
    ];

    /// <summary>The function a handler string or short name names, or null.</summary>
    public static FunctionEntry? Find(string? handler) =>
        Entries.FirstOrDefault(e => string.Equals(handler, e.Name, StringComparison.Ordinal) || string.Equals(handler, e.Handler, StringComparison.Ordinal));
}

/// <summary>One function: its short name (also its log <c>service</c>), its managed handler string, and how to build it.</summary>
public sealed record FunctionEntry(string Name, string TypeName, Func<FunctionHost, Func<Stream, Task<Stream>>> Create)
{
    /// <summary>The managed runtime's handler string for the same function.</summary>
    public string Handler => $"Guardrail.Functions::Guardrail.Functions.{TypeName}::Handle";
}
