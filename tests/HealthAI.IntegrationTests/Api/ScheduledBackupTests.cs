using HealthAI.Api.Backups;
using HealthAI.Api.Backups.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Api.Tests;

public abstract class ScheduledBackupTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lease_keeps_a_scheduled_backup_to_one_replica()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Folate", "Folate matters before and during pregnancy."), Cancel);
        var schedules = replicas.Factories.Select(factory => factory.Services.GetRequiredService<ScheduledBackups>()).ToList();

        var firstSlot = await Task.WhenAll(schedules.Select(schedule => Task.Run(() => schedule.TryRunSlotAsync(1000, Cancel), Cancel)));
        var sameSlotAgain = await Task.WhenAll(schedules.Select(schedule => schedule.TryRunSlotAsync(1000, Cancel)));
        var nextSlot = await Task.WhenAll(schedules.Select(schedule => Task.Run(() => schedule.TryRunSlotAsync(1001, Cancel), Cancel)));

        Assert.Single(firstSlot, outcome => outcome == ScheduledBackupOutcome.Taken);
        Assert.All(sameSlotAgain, outcome => Assert.Equal(ScheduledBackupOutcome.AlreadyTaken, outcome));
        Assert.Single(nextSlot, outcome => outcome == ScheduledBackupOutcome.Taken);
        var backups = replicas.Factories[0].Services.GetRequiredService<BackupCatalog>().List();
        Assert.Equal([1001L, 1000L], backups.Select(backup => backup.Slot!.Value));
        Assert.All(backups, backup => Assert.Equal(BackupTrigger.Scheduled, backup.Trigger));
    }

    [Fact]
    public async Task Replicas_on_a_schedule_take_one_backup_per_slot_between_them()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync(new Dictionary<string, string?> { ["Backups:Schedule:Interval"] = "00:00:01" }));
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Folate", "Folate matters before and during pregnancy."), Cancel);

        // How many slots pass depends on how loaded the machine is; what must hold is that each slot that
        // was filled was filled by exactly one of the four replicas.
        var backups = await WaitForScheduledBackupsAsync(replicas, atLeast: 3);

        Assert.All(backups, backup => Assert.Equal(BackupTrigger.Scheduled, backup.Trigger));
        Assert.All(backups, backup => Assert.NotNull(backup.Slot));
        var doubled = backups.GroupBy(backup => backup.Slot).Where(slot => slot.Count() > 1)
            .Select(slot => $"slot {slot.Key}: {string.Join(", ", slot.Select(backup => backup.Instance))}");
        Assert.Empty(doubled);
    }

    [Fact]
    public async Task A_system_with_no_backup_in_the_slot_under_way_takes_one_at_start()
    {
        var interval = TimeSpan.FromDays(1);
        await using var replicas = new Replicas(2, await engine.SettingsAsync(new Dictionary<string, string?> { ["Backups:Schedule:Interval"] = "1.00:00:00" }));
        var slotUnderWay = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / (long)interval.TotalMilliseconds;

        await WaitForScheduledBackupsAsync(replicas, atLeast: 1);
        // Long enough for the other replica to have tried the same slot too.
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        var backups = replicas.Factories[0].Services.GetRequiredService<BackupCatalog>().List();

        var backup = Assert.Single(backups);
        Assert.Equal(BackupTrigger.Scheduled, backup.Trigger);
        Assert.Equal(slotUnderWay, backup.Slot);
    }

    private static async Task<IReadOnlyList<BackupManifest>> WaitForScheduledBackupsAsync(Replicas replicas, int atLeast)
    {
        var catalog = replicas.Factories[0].Services.GetRequiredService<BackupCatalog>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var backups = catalog.List();
            if (backups.Count >= atLeast)
            {
                return backups;
            }

            Assert.True(DateTime.UtcNow < deadline, $"only {backups.Count} scheduled backups after 60 s with a 1 s interval");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancel);
        }
    }

    [Fact]
    public async Task A_lease_held_by_one_replica_is_refused_to_another_until_released()
    {
        await using var replicas = new Replicas(2, await engine.SettingsAsync());
        var one = replicas.Factories[0].Services.GetRequiredService<IBackupEngine>();
        var two = replicas.Factories[1].Services.GetRequiredService<IBackupEngine>();

        var first = await one.TryLeaseAsync(BackupLeases.Schedule, "one", TimeSpan.Zero, Cancel);
        var second = await two.TryLeaseAsync(BackupLeases.Schedule, "two", TimeSpan.Zero, Cancel);
        await first!.DisposeAsync();
        await using var third = await two.TryLeaseAsync(BackupLeases.Schedule, "three", TimeSpan.Zero, Cancel);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
    }
}

public sealed class SqliteScheduledBackupTests() : ScheduledBackupTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlScheduledBackupTests(PostgreSqlFixture postgres) : ScheduledBackupTests(postgres.Engine);
