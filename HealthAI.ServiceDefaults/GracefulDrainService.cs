using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>
/// Turns the replica not-ready the moment it is told to stop, then keeps the server running for the
/// drain period before the host stops Kestrel. Kestrel is a hosted service too, stopped after every
/// lifecycle service's <see cref="StoppingAsync"/>, so the delay here is time the replica still serves.
/// </summary>
internal sealed partial class GracefulDrainService(
    ReplicaLifecycle lifecycle,
    IHostApplicationLifetime lifetime,
    IOptions<ReplicaOptions> options,
    TimeProvider clock,
    ILogger<GracefulDrainService> logger) : IHostedLifecycleService
{
    private CancellationTokenRegistration _stoppingRegistration;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // SIGTERM fires ApplicationStopping before the host calls StoppingAsync; readiness must drop at once.
        _stoppingRegistration = lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        lifecycle.MarkReady(clock);
        LogReady(options.Value.Name);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDraining();
        var drain = options.Value.DrainPeriod;
        if (drain > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(drain, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out: stop now rather than hold the process.
            }
        }

        LogDrained(options.Value.Name, drain.TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stoppingRegistration.Dispose();
        return Task.CompletedTask;
    }

    private void BeginDraining()
    {
        if (lifecycle.BeginDraining(clock))
        {
            LogDraining(options.Value.Name, options.Value.DrainPeriod.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} is ready for traffic")]
    private partial void LogReady(string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} is draining: /readyz answers 503, serving for {DrainSeconds} s more")]
    private partial void LogDraining(string replica, double drainSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} drained after {DrainSeconds} s; stopping the server")]
    private partial void LogDrained(string replica, double drainSeconds);
}
