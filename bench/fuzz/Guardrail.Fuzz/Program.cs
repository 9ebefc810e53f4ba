using System.Diagnostics;
using SharpFuzz;

namespace Guardrail.Fuzz;

/// <summary>
/// Entry point. Under afl-fuzz: <c>Guardrail.Fuzz policy|cli</c> (input on standard input). By hand:
/// <c>--repro FILE [--target policy|cli]</c> runs one input through the targets and prints what escaped;
/// <c>--triage TARGET FILE...</c> prints a crash class per crashing file (run.sh keeps one input per class);
/// <c>--seed-corpus REPO_ROOT OUT_DIR</c> writes the seed corpus.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["policy"] = PolicyTarget.Run,
        ["cli"] = CliTarget.Run,
    };

    private static int Main(string[] args)
    {
        switch (args)
        {
            case [var target] when Targets.TryGetValue(target, out var run):
                // Out of process: afl-fuzz kills a hung run, and only the child that runs inputs dies with it.
                Fuzzer.OutOfProcess.Run(stream => run(ReadAll(stream)));
                return 0;
            case ["--repro", var file]:
                return OutsideAfl(() => Repro(File.ReadAllBytes(file), Targets.Keys));
            case ["--repro", var file, "--target", var target] when Targets.ContainsKey(target):
                return OutsideAfl(() => Repro(File.ReadAllBytes(file), [target]));
            case ["--triage", var target, .. var files] when Targets.ContainsKey(target):
                return OutsideAfl(() => Triage(Targets[target], files));
            case ["--seed-corpus", var root, var output]:
                Console.WriteLine($"{SeedCorpus.Write(root, output)} seed files written to {output}");
                return 0;
            default:
                Console.Error.WriteLine("usage: Guardrail.Fuzz policy|cli   (under afl-fuzz, input on stdin)");
                Console.Error.WriteLine("       Guardrail.Fuzz --repro FILE [--target policy|cli]");
                Console.Error.WriteLine("       Guardrail.Fuzz --triage policy|cli FILE...");
                Console.Error.WriteLine("       Guardrail.Fuzz --seed-corpus REPO_ROOT OUT_DIR");
                return 2;
        }
    }

    // An instrumented build writes coverage into SharpFuzz's map; outside afl-fuzz, Fuzzer.Run gives it a scratch
    // map and calls the action once (which ignores standard input).
    private static int OutsideAfl(Func<int> action)
    {
        var exit = 0;
        Fuzzer.Run(_ => exit = action());
        return exit;
    }

    private static int Repro(byte[] input, IEnumerable<string> targets)
    {
        var crashed = false;
        foreach (var target in targets)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                Targets[target](input);
                Console.WriteLine($"{target}: no crash ({clock.ElapsedMilliseconds} ms)");
            }
            catch (Exception e)
            {
                crashed = true;
                Console.WriteLine($"{target}: CRASH after {clock.ElapsedMilliseconds} ms");
                Console.WriteLine(e);
            }
        }

        return crashed ? 1 : 0;
    }

    private static int Triage(Action<byte[]> target, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                Console.WriteLine($"{file}\t{CrashClass.Of(e)}");
            }
        }

        return 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
