using System.Diagnostics.Metrics;

namespace HealthAI.ServiceDefaults;

/// <summary>Replica lifecycle as metrics, so Prometheus sees draining and readiness, not only up/down.</summary>
internal sealed class ReplicaMetrics : IDisposable
{
    public const string MeterName = "HealthAI.Replica";

    private readonly Meter _meter;

    public ReplicaMetrics(IMeterFactory meters, ReplicaLifecycle lifecycle, ReplicaStartTime started, TimeProvider clock)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("healthai.replica.ready", () => lifecycle.State == ReplicaState.Ready ? 1 : 0,
            description: "1 while the replica is ready for traffic, 0 while starting or draining.");
        _meter.CreateObservableGauge("healthai.replica.draining", () => lifecycle.State == ReplicaState.Draining ? 1 : 0,
            description: "1 while the replica is draining before shutdown.");
        _meter.CreateObservableGauge("healthai.replica.uptime", () => (clock.GetUtcNow() - started.Value).TotalSeconds,
            unit: "s", description: "Seconds since the replica process started.");
    }

    public void Dispose() => _meter.Dispose();
}
