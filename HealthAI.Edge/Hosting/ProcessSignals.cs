using System.Runtime.InteropServices;

namespace HealthAI.Edge.Hosting;

/// <summary>
/// Sends POSIX signals: .NET can only kill a process outright, and edges reload on a signal
/// (nginx on SIGHUP, the HAProxy master on SIGUSR2) without dropping a connection.
/// </summary>
internal static partial class ProcessSignals
{
    public const int Hangup = 1;
    public const int User2 = 12;

    public static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"Could not send signal {signal} to process {processId} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int processId, int signal);
}
