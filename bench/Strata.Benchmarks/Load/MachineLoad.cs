namespace Strata.Benchmarks.Load;

/// <summary>The machine's load average, printed beside results: numbers from a busy machine are read differently.</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or <c>unknown</c>.</summary>
    public static string Average()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} {fields[1]} {fields[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
