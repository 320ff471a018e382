using HealthAI.Api.KnowledgeBase;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// For operators (not readiness: a replica serves fine without backups): the newest backup and its
/// age, and the backups volume. Degraded when the volume is unwritable or nearly full, or when a
/// schedule is set and the newest backup is older than two intervals.
/// </summary>
internal sealed class BackupsHealthCheck(BackupMetrics backups, IOptions<BackupOptions> options, IOptions<ReplicaOptions> replica, TimeProvider clock) : IHealthCheck
{
    public const string Name = "backups";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var data = new Dictionary<string, object>
        {
            ["configured"] = settings.IsConfigured,
            ["directory"] = settings.Directory,
            ["minFreeBytes"] = settings.MinFreeBytes,
        };
        var problems = new List<string>();

        var newest = backups.Newest();
        if (newest is not null)
        {
            var age = clock.GetUtcNow() - newest.CreatedAt;
            data["lastBackupId"] = newest.Id;
            data["lastBackupAt"] = newest.CreatedAt;
            data["lastBackupAgeSeconds"] = Math.Round(age.TotalSeconds, 1);
            data["lastBackupDurationMs"] = newest.DurationMs;
            data["lastBackupDocuments"] = newest.Documents;
            if (settings.Schedule.Interval is { } interval && age > 2 * interval)
            {
                problems.Add($"the newest backup is {age.TotalMinutes:0} minutes old, more than two schedule intervals");
            }
        }
        else if (settings.Schedule.Interval is not null)
        {
            data["lastBackupAgeSeconds"] = -1;
        }

        if (settings.Schedule.Interval is { } scheduled)
        {
            data["scheduleInterval"] = scheduled.ToString("c");
        }

        if (VolumeProbe.WriteError(settings.Directory, replica.Value.Name) is { } error)
        {
            problems.Add($"the backups volume is not writable: {error}");
        }

        var free = VolumeProbe.FreeBytes(settings.Directory);
        data["freeBytes"] = free ?? -1;
        if (free < settings.MinFreeBytes)
        {
            problems.Add($"the backups volume has {free} bytes free, under {BackupOptions.SectionName}:{nameof(BackupOptions.MinFreeBytes)}");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(newest is null ? "No backup yet." : "Backups are current.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data));
    }
}
