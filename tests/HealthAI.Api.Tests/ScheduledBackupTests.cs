using HealthAI.Api.Backups;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Api.Tests;

public sealed class ScheduledBackupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lease_keeps_a_scheduled_backup_to_one_replica()
    {
        await using var replicas = new Replicas(4);
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
    public async Task Replicas_on_a_schedule_take_one_backup_per_interval_between_them()
    {
        await using var replicas = new Replicas(4, new Dictionary<string, string?> { ["Backups:Schedule:Interval"] = "00:00:01" });
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Folate", "Folate matters before and during pregnancy."), Cancel);

        await Task.Delay(TimeSpan.FromSeconds(3.5), Cancel);
        var backups = replicas.Factories[0].Services.GetRequiredService<BackupCatalog>().List();

        Assert.InRange(backups.Count, 2, 4);
        Assert.Equal(backups.Count, backups.Select(backup => backup.Slot).Distinct().Count());
    }

    [Fact]
    public void A_lease_held_by_one_holder_is_refused_to_another_until_released()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "test.lock");

        var first = SharedVolumeLease.TryAcquire(path, "one");
        var second = SharedVolumeLease.TryAcquire(path, "two");
        first!.Dispose();
        using var third = SharedVolumeLease.TryAcquire(path, "three");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
    }
}
