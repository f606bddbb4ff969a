using System.Runtime.InteropServices;

namespace Ankra.Mesh.Testing;

/// <summary>Sends POSIX signals to a process id (graceful stops that Process.Kill cannot express).</summary>
public static partial class UnixSignal
{
    /// <summary>SIGINT: PostgreSQL's "fast shutdown".</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL: cannot be caught.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM: a polite request to stop.</summary>
    public const int Terminate = 15;

    /// <summary>SIGSTOP: freezes a process (simulates a hung peer).</summary>
    public const int Stop = 19;

    /// <summary>SIGCONT: resumes a stopped process.</summary>
    public const int Continue = 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false if it no longer exists.</summary>
    public static bool Send(int processId, int signal) => NativeKill(processId, signal) == 0;

    /// <summary>True while a process with this id exists (signal 0 probes without sending).</summary>
    public static bool IsAlive(int processId) => NativeKill(processId, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int sig);
}
