namespace Guardrail.Benchmarks;

/// <summary>The machine's load averages (1, 5, 15 minutes, as <c>uptime</c> prints them), printed beside every figure.</summary>
internal static class MachineLoad
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load {fields[0]} {fields[1]} {fields[2]} ({Environment.ProcessorCount} cores)";
        }
        catch (IOException)
        {
            return $"load n/a ({Environment.ProcessorCount} cores)";
        }
        catch (UnauthorizedAccessException)
        {
            return $"load n/a ({Environment.ProcessorCount} cores)";
        }
    }
}
