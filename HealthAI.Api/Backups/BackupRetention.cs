namespace HealthAI.Api.Backups;

/// <summary>Chooses which backups retention removes; it does no I/O.</summary>
internal static class BackupRetention
{
    /// <summary>
    /// The backups to delete: all but the newest N, the newest of each of the last D days, and the pre-restore
    /// backups younger than <see cref="BackupRetentionOptions.PreRestoreDays"/>.
    /// </summary>
    public static IReadOnlyList<BackupManifest> Expired(IEnumerable<BackupManifest> backups, BackupRetentionOptions retention, DateTimeOffset now)
    {
        var newestFirst = backups.OrderByDescending(backup => backup.CreatedAt).ThenByDescending(backup => backup.Id, StringComparer.Ordinal).ToList();
        var keep = newestFirst.Take(retention.Newest).Select(backup => backup.Id).ToHashSet(StringComparer.Ordinal);
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - retention.DailyDays);
        foreach (var daily in newestFirst
            .Where(backup => retention.DailyDays > 0 && DateOnly.FromDateTime(backup.CreatedAt.UtcDateTime) >= firstDay)
            .GroupBy(backup => DateOnly.FromDateTime(backup.CreatedAt.UtcDateTime))
            .Select(day => day.First()))
        {
            keep.Add(daily.Id);
        }

        var preRestoreSince = now.AddDays(-retention.PreRestoreDays);
        keep.UnionWith(newestFirst
            .Where(backup => backup.Trigger == BackupTrigger.PreRestore && backup.CreatedAt >= preRestoreSince)
            .Select(backup => backup.Id));

        return newestFirst.Where(backup => !keep.Contains(backup.Id)).ToList();
    }
}
