using System.Runtime.InteropServices;

namespace HealthAI.Hosting;

/// <summary>
/// Sends POSIX signals: .NET can only kill a process outright, and edges reload on a signal
/// (nginx on SIGHUP, the HAProxy master on SIGUSR2) without dropping a connection.
/// </summary>
public static partial class ProcessSignals
{
    /// <summary>SIGHUP: nginx re-reads its configuration.</summary>
    public const int Hangup = 1;

    /// <summary>SIGUSR2: the HAProxy master reloads its workers.</summary>
    public const int User2 = 12;

    /// <summary>The name of a signal this class defines, as <c>kill -s</c> and <c>docker kill --signal</c> take it.</summary>
    public static string NameOf(int signal) => signal switch
    {
        Hangup => "SIGHUP",
        User2 => "SIGUSR2",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a signal the edges reload on."),
    };

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>.</summary>
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
