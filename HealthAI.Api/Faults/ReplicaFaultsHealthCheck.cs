using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.Api.Faults;

/// <summary>Readiness, test-only: Unhealthy while the replica is told to fail it, so edges and orchestrators take it out.</summary>
internal sealed class ReplicaFaultsHealthCheck(ReplicaFaults faults) : IHealthCheck
{
    public const string Name = "faults";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = faults.Current;
        var data = new Dictionary<string, object> { ["latencyMs"] = current.LatencyMs, ["readinessFails"] = current.ReadinessFails };
        return Task.FromResult(current.ReadinessFails
            ? HealthCheckResult.Unhealthy("Readiness fails on purpose (PUT /faults).", data: data)
            : HealthCheckResult.Healthy("No readiness fault.", data));
    }
}
