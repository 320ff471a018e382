using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HealthAI.AppHost.Replicas;

/// <summary>
/// Says on the AppHost's console when every replica is first ready and how long that took from the
/// AppHost's start, so that a user of <c>./healthai up</c> knows when to send traffic.
/// </summary>
internal sealed partial class ReplicaStartupReport(DistributedApplicationModel model, ILogger<ReplicaStartupReport> logger)
{
    private readonly HashSet<string> _ready = [];
    private bool _reported;

    public void Ready(string replica)
    {
        lock (_ready)
        {
            var total = model.Resources.OfType<ApiReplicaResource>().Count();
            if (!_ready.Add(replica) || _reported || _ready.Count < total)
            {
                return;
            }

            _reported = true;
            using var process = Process.GetCurrentProcess();
            var elapsed = DateTime.Now - process.StartTime;
            LogAllReady(total, elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} API replicas are ready, {Seconds:F1} s after the AppHost started")]
    private partial void LogAllReady(int count, double seconds);
}
