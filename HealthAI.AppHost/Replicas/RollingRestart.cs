using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthAI.AppHost.Replicas;

/// <summary>
/// Restarts the replicas one at a time, as a deployment would roll them: each is drained at the edges
/// (rendered out of rotation and reloaded, so no new request reaches it while those in flight finish),
/// stopped (it also turns not-ready and drains on SIGTERM), started, waited for until ready, and returned
/// to the edges before the next one goes. At no moment is more than one replica out. Returning it by
/// reload also clears nginx's passive-health memory of the refused connections (kept for fail_timeout).
/// </summary>
internal static partial class RollingRestart
{
    public const string CommandName = "rolling-restart";

    // HAProxy takes a replica back after two good readiness probes a second apart; nginx at once.
    private static readonly TimeSpan EdgeSettleTime = TimeSpan.FromSeconds(3);

    public static async Task<ExecuteCommandResult> RunAsync(IReadOnlyList<ApiReplicaResource> replicas, ExecuteCommandContext context)
    {
        var commands = context.Services.GetRequiredService<ResourceCommandService>();
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
        var edges = context.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IEdgeResource>().ToList();
        var cancellationToken = context.CancellationToken;

        // Everything must be ready before the first replica goes, or the roll would take two out at once.
        await Task.WhenAll(replicas.Select(replica => notifications.WaitForResourceHealthyAsync(replica.Name, cancellationToken)));
        foreach (var replica in replicas)
        {
            LogRestarting(logger, replica.Name);
            var drained = await SetDrainedAsync(edges, replica.Name, drained: true, commands, cancellationToken);
            if (drained is not null)
            {
                return drained;
            }

            var stopped = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StopCommand, cancellationToken);
            if (!stopped.Success)
            {
                return CommandResults.Failure($"Stopping {replica.Name} failed: {stopped.Message}");
            }

            await notifications.WaitForResourceAsync(replica.Name, e => e.Snapshot.State?.Text is "Exited" or "Finished", cancellationToken);
            var started = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StartCommand, cancellationToken);
            if (!started.Success)
            {
                return CommandResults.Failure($"Starting {replica.Name} failed: {started.Message}; the roll stopped here.");
            }

            await notifications.WaitForHealthyAfterStartAsync(replica.Name, cancellationToken);
            var returned = await SetDrainedAsync(edges, replica.Name, drained: false, commands, cancellationToken);
            if (returned is not null)
            {
                return returned;
            }

            await Task.Delay(EdgeSettleTime, cancellationToken);
            LogRestarted(logger, replica.Name);
        }

        return CommandResults.Success();
    }

    // Null on success; the failure to report otherwise.
    private static async Task<ExecuteCommandResult?> SetDrainedAsync(IEnumerable<IEdgeResource> edges, string replica, bool drained, ResourceCommandService commands, CancellationToken cancellationToken)
    {
        foreach (var edge in edges)
        {
            if (drained)
            {
                edge.Configuration.DrainedUpstreams.Add(replica);
            }
            else
            {
                edge.Configuration.DrainedUpstreams.Remove(replica);
            }

            var reloaded = await commands.ExecuteCommandAsync(edge, EdgeBuilderExtensions.ReloadCommandName, cancellationToken);
            if (!reloaded.Success)
            {
                return CommandResults.Failure($"Reloading {edge.Name} to {(drained ? "drain" : "return")} {replica} failed: {reloaded.Message}");
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolling restart: draining and restarting {Replica}")]
    private static partial void LogRestarting(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolling restart: {Replica} is back and ready")]
    private static partial void LogRestarted(ILogger logger, string replica);
}
