using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Strata.Testing;

/// <summary>
/// Liveness and killing by process id for the cluster's nodes. The script starts them, so they are not children of the
/// test host: they are found by pid, and a pid is only trusted while <c>/proc</c> says it is a live redis-server (the
/// container's init may never reap them, so an exited node can linger as a zombie).
/// </summary>
internal static class RedisClusterProcesses
{
    public static bool IsAlive(int processId)
    {
        if (processId <= 0)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            // "pid (comm) S ...": the state follows the last ')' (comm may contain spaces or parentheses).
            var close = stat.LastIndexOf(')');
            var state = close >= 0 && close + 2 < stat.Length ? stat[close + 2] : 'X';
            if (state is 'Z' or 'X' or 'x')
            {
                return false;
            }

            var commandLine = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return commandLine.Contains("redis-server", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>SIGKILLs the process if it is still a live redis-server; never by name.</summary>
    public static void Kill(int processId)
    {
        if (!IsAlive(processId))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // It exited in between.
        }
    }

    /// <summary>Waits until the process is gone (or a zombie); false on timeout.</summary>
    public static async Task<bool> WaitForExitAsync(int processId, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (IsAlive(processId))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            // Not our child, so there is no exit notification to await.
            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }
}
