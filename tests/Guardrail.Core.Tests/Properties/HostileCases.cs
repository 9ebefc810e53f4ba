using System.Diagnostics;
using System.Text;
using CsCheck;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// Runs a generator over a fixed number of cases, each from its own fixed seed, so every run checks the same
/// cases and a failure names the case that reproduces it. Failures are grouped into classes (the exception type and
/// the innermost Guardrail method it came from, or the broken property), each shown with its smallest input, so one
/// run lists every distinct bug instead of stopping at the first.
/// </summary>
internal static class HostileCases
{
    private const ulong Seed = 0x6775_6172_6472_6169; // "guardrai"
    private const int ExampleLength = 600;

    /// <summary>A property broken without an exception (e.g. a verdict that changes under reordering).</summary>
    public sealed class Violation(string property, string detail) : Exception(detail)
    {
        public string Property { get; } = property;
    }

    /// <summary>Checks <paramref name="check"/> on <paramref name="count"/> cases; fails listing every failure class.</summary>
    public static void Check<T>(Gen<T> gen, int count, Func<T, string> show, Action<T> check)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<(string Class, int Case, string Input, string Detail)>();
        Parallel.For(0, count, i =>
        {
            var input = gen.Generate(new PCG((uint)i, Seed), null, out _);
            try
            {
                check(input);
            }
            catch (Exception e)
            {
                failures.Add((ClassOf(e), i, show(input), e is Violation ? e.Message : $"{e.GetType().Name}: {e.Message}"));
            }
        });

        if (failures.IsEmpty)
        {
            return;
        }

        var report = new StringBuilder($"{failures.Count} of {count} cases failed, in {failures.Select(f => f.Class).Distinct().Count()} classes:\n");
        foreach (var group in failures.GroupBy(f => f.Class).OrderByDescending(g => g.Count()))
        {
            var smallest = group.MinBy(f => (f.Input.Length, f.Case));
            report.Append($"- {group.Key}: {group.Count()} cases; smallest is case {smallest.Case} ({smallest.Input.Length} chars): {Shorten(smallest.Detail)}\n    {Shorten(smallest.Input)}\n");
        }

        Assert.Fail(report.ToString());
    }

    private static string ClassOf(Exception e)
    {
        if (e is Violation violation)
        {
            return violation.Property;
        }

        var frame = new StackTrace(e).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("Guardrail.Core.", StringComparison.Ordinal) == true
                && m.DeclaringType.Namespace?.StartsWith("Guardrail.Core.Tests", StringComparison.Ordinal) != true);
        return $"{e.GetType().Name} in {frame?.DeclaringType?.Name}.{frame?.Name}";
    }

    // Examples are escaped so that control characters and lone surrogates survive the test report.
    private static string Shorten(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Length > ExampleLength ? text[..ExampleLength] : text)
        {
            escaped.Append(c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Length > ExampleLength ? $"{escaped}… ({text.Length} chars)" : escaped.ToString();
    }
}
