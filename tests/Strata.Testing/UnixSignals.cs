using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Strata.Testing;

/// <summary>Sends stop/continue/terminate signals to a process id; .NET has no managed API for them.</summary>
internal static class UnixSignals
{
    // Signal numbers differ between Linux and the BSD family (macOS); tests run on Linux, macOS is a courtesy.
    private static int SigStop => OperatingSystem.IsMacOS() ? 17 : 19;

    private static int SigCont => OperatingSystem.IsMacOS() ? 19 : 18;

    public static void Stop(int processId) => Send(processId, SigStop);

    public static void Continue(int processId) => Send(processId, SigCont);

    /// <summary>SIGTERM (15 on Linux and macOS): asks a process to shut down gracefully.</summary>
    public static void Terminate(int processId) => Send(processId, 15);

    private static void Send(int processId, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Pausing a process needs POSIX signals.");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, {signal}) failed.");
        }
    }

    // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks for no gain here.
    // "libc" is mapped by the runtime to the platform's C library (libc.so.6 on glibc).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
