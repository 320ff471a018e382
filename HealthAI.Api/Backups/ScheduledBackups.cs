using System.Globalization;
using HealthAI.Api.Backups.Engines;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>What a replica did about one schedule slot.</summary>
internal enum ScheduledBackupOutcome
{
    /// <summary>This replica took the slot's backup.</summary>
    Taken,

    /// <summary>Another replica already took it.</summary>
    AlreadyTaken,

    /// <summary>Another replica holds the schedule lease (it is taking it now).</summary>
    LeaseHeld,
}

/// <summary>
/// Scheduled backups. Time is cut into slots of the interval since the Unix epoch; at start, and at each boundary
/// every replica wakes, but only the one that gets the schedule lease (the engine's: a file lock on
/// SQLite's shared volume, an advisory lock on PostgreSQL) and finds the slot not yet recorded beside
/// the backups takes the backup. The others skip.
/// </summary>
internal sealed partial class ScheduledBackups(
    BackupWriter writer,
    IBackupEngine engine,
    BackupCatalog catalog,
    IOptions<BackupOptions> options,
    IOptions<ReplicaOptions> replica,
    TimeProvider clock,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    private string StatePath => Path.Combine(catalog.LocksDirectory, "schedule.state");

    public async Task<ScheduledBackupOutcome> TryRunSlotAsync(long slot, CancellationToken cancellationToken)
    {
        // Checked before the lease too: a slot already filled is the common case, and needs no turn at the lease.
        if (LastSlot() >= slot)
        {
            return ScheduledBackupOutcome.AlreadyTaken;
        }

        await using var lease = await engine.TryLeaseAsync(BackupLeases.Schedule, replica.Value.Name, TimeSpan.Zero, cancellationToken);
        if (lease is null)
        {
            return ScheduledBackupOutcome.LeaseHeld;
        }

        if (LastSlot() >= slot)
        {
            return ScheduledBackupOutcome.AlreadyTaken;
        }

        await writer.CreateAsync(BackupTrigger.Scheduled, slot, cancellationToken);
        RecordSlot(slot);
        return ScheduledBackupOutcome.Taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Schedule.Interval is not { } interval)
        {
            return;
        }

        var intervalMs = (long)interval.TotalMilliseconds;

        // The first slot is the one under way, taken at once if no replica took it (a fresh system, or one that was down
        // at its boundary): a daily schedule must not leave a new deployment without a backup until the next boundary.
        var slot = clock.GetUtcNow().ToUnixTimeMilliseconds() / intervalMs;
        var wait = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
                var outcome = await TryRunSlotAsync(slot, stoppingToken);
                LogSlot(slot, outcome);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogSlotFailed(error, slot);
            }

            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            slot = (now / intervalMs) + 1;
            wait = TimeSpan.FromMilliseconds((slot * intervalMs) - now);
        }
    }

    private long LastSlot()
    {
        try
        {
            return long.Parse(File.ReadAllText(StatePath).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            return 0;
        }
    }

    private void RecordSlot(long slot)
    {
        Directory.CreateDirectory(catalog.LocksDirectory);
        var staged = $"{StatePath}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(staged, slot.ToString(CultureInfo.InvariantCulture));
        File.Move(staged, StatePath, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled backup slot {Slot}: {Outcome}")]
    private partial void LogSlot(long slot, ScheduledBackupOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup for slot {Slot} failed")]
    private partial void LogSlotFailed(Exception error, long slot);
}
