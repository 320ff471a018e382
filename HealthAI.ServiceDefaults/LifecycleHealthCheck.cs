using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.ServiceDefaults;

/// <summary>Readiness from the replica's lifecycle: unhealthy while starting and while draining.</summary>
internal sealed class LifecycleHealthCheck(ReplicaLifecycle lifecycle) : IHealthCheck
{
    public const string Name = "lifecycle";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["state"] = lifecycle.State.ToString() };
        if (lifecycle.ReadySince is { } readySince)
        {
            data["readySince"] = readySince;
        }

        if (lifecycle.DrainingSince is { } drainingSince)
        {
            data["drainingSince"] = drainingSince;
        }

        var result = lifecycle.State switch
        {
            ReplicaState.Ready => HealthCheckResult.Healthy("Serving traffic.", data),
            ReplicaState.Starting => HealthCheckResult.Unhealthy("Still starting.", data: data),
            _ => HealthCheckResult.Unhealthy("Draining before shutdown: send no new traffic.", data: data),
        };
        return Task.FromResult(result);
    }
}
