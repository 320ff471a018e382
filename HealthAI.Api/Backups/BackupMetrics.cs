using System.Diagnostics.Metrics;

namespace HealthAI.Api.Backups;

/// <summary>
/// Backup series. The last-success gauges read the newest manifest on the shared volume, so every
/// replica reports the same truth whichever of them took the backup. The series the alerts watch exist
/// from the start: the last-success time is 0 while no backup exists, and the counters start at 0 for
/// every trigger, so a system that never backed up reads as stale and a first failure as an increase.
/// </summary>
internal sealed class BackupMetrics : IDisposable
{
    public const string MeterName = "HealthAI.Backups";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Meter _meter;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly BackupCatalog _catalog;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private (DateTimeOffset ReadAt, BackupManifest? Newest) _cache;

    public BackupMetrics(IMeterFactory meters, BackupCatalog catalog, TimeProvider clock)
    {
        _catalog = catalog;
        _clock = clock;
        _meter = meters.Create(MeterName);
        _completed = _meter.CreateCounter<long>("healthai.backups.completed", unit: "{backup}", description: "Backups this replica took, by trigger.");
        _failed = _meter.CreateCounter<long>("healthai.backups.failed", unit: "{backup}", description: "Backups this replica attempted that failed, by trigger.");
        _duration = _meter.CreateHistogram<double>("healthai.backup.duration", unit: "s", description: "Time to take a backup, by trigger.");
        _meter.CreateObservableGauge("healthai.backup.last_success.time", () => new Measurement<double>(Newest() is { } newest ? newest.CreatedAt.ToUnixTimeMilliseconds() / 1000.0 : 0),
            unit: "s", description: "Unix time of the newest backup on the shared volume; 0 when there is none.");
        _meter.CreateObservableGauge("healthai.backup.last_success.duration", () => Newest() is { } newest ? [new Measurement<double>(newest.DurationMs / 1000.0)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "How long the newest backup took.");
        foreach (var trigger in BackupTrigger.All)
        {
            _completed.Add(0, Trigger(trigger));
            _failed.Add(0, Trigger(trigger));
        }
    }

    public BackupManifest? Newest()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - _cache.ReadAt > CacheFor)
            {
                _cache = (now, _catalog.List() is [var newest, ..] ? newest : null);
            }

            return _cache.Newest;
        }
    }

    public void Completed(string trigger, TimeSpan duration)
    {
        _completed.Add(1, Trigger(trigger));
        _duration.Record(duration.TotalSeconds, Trigger(trigger));
        lock (_gate)
        {
            _cache = default;
        }
    }

    public void Failed(string trigger) => _failed.Add(1, Trigger(trigger));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Trigger(string trigger) => new("trigger", trigger);
}
