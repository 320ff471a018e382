using HealthAI.Api.Backups;

namespace HealthAI.Api.Tests;

public sealed class BackupRetentionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retention_keeps_the_newest_n_and_the_last_backup_of_each_recent_day()
    {
        var backups = new[]
        {
            Backup("a", Now.AddHours(-1)),
            Backup("b", Now.AddHours(-2)),
            Backup("c", Now.AddHours(-3)),
            Backup("d", Now.AddDays(-1).AddHours(-1)),
            Backup("e", Now.AddDays(-1).AddHours(-2)),
            Backup("f", Now.AddDays(-2)),
            Backup("g", Now.AddDays(-9)),
        };

        var expired = BackupRetention.Expired(backups, new BackupRetentionOptions { Newest = 2, DailyDays = 3 }, Now);

        Assert.Equal(["c", "e", "g"], expired.Select(backup => backup.Id));
    }

    [Fact]
    public void A_pre_restore_backup_outlives_a_busy_day_of_backups_but_not_its_own_days()
    {
        var backups = new[]
        {
            Backup("after-1", Now.AddHours(-1)),
            Backup("after-2", Now.AddHours(-2)),
            Backup("after-3", Now.AddHours(-3)),
            Backup("safety", Now.AddHours(-4), BackupTrigger.PreRestore),
            Backup("old-safety", Now.AddDays(-8), BackupTrigger.PreRestore),
        };

        var expired = BackupRetention.Expired(backups, new BackupRetentionOptions { Newest = 2, DailyDays = 0, PreRestoreDays = 7 }, Now);

        Assert.Equal(["after-3", "old-safety"], expired.Select(backup => backup.Id));
    }

    private static BackupManifest Backup(string id, DateTimeOffset at, string trigger = "manual") => new(id, at, "healthai-app-1", trigger, 0, 0, 0, "", 2, 1, null);
}
