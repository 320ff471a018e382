using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>The fault a write may ask for once it has committed: the replica dying before it answers.</summary>
internal sealed partial class WriteFaults(IOptions<FaultInjectionOptions> options, ILogger<WriteFaults> logger)
{
    /// <summary>Kills this process when faults are on and <paramref name="request"/> asks for it; otherwise nothing.</summary>
    public void AfterCommit(HttpRequest request)
    {
        if (options.Value.Enabled && request.Headers.ContainsKey(FaultInjectionOptions.CrashAfterWriteHeader))
        {
            LogCrashing();
            // SIGKILL, not a shutdown: no drain and no answer, as when the machine loses the process.
            Process.GetCurrentProcess().Kill();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Fault injection: killing this replica after a committed write, before answering")]
    private partial void LogCrashing();
}
