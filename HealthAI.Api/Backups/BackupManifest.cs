namespace HealthAI.Api.Backups;

/// <summary>
/// What a backup is: written last, into the same folder as the copy, before the folder is renamed
/// into place. A folder without a manifest is never a backup.
/// </summary>
/// <param name="Id">The backup's id.</param>
/// <param name="CreatedAt">When the snapshot was taken (UTC).</param>
/// <param name="Instance">The replica that took it.</param>
/// <param name="Trigger"><c>manual</c>, <c>scheduled</c> or <c>pre-restore</c>.</param>
/// <param name="Documents">Documents in the copy.</param>
/// <param name="Chunks">Chunks in the copy.</param>
/// <param name="Bytes">Size of the copy.</param>
/// <param name="Sha256">SHA-256 of the copy, lower-case hex.</param>
/// <param name="SchemaVersion">The copy's schema version.</param>
/// <param name="DurationMs">How long the backup took.</param>
/// <param name="Slot">For a scheduled backup, the schedule slot it fills.</param>
internal sealed record BackupManifest(
    string Id,
    DateTimeOffset CreatedAt,
    string Instance,
    string Trigger,
    long Documents,
    long Chunks,
    long Bytes,
    string Sha256,
    int SchemaVersion,
    double DurationMs,
    long? Slot);

/// <summary>Why a backup was taken.</summary>
internal static class BackupTrigger
{
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";
    public const string PreRestore = "pre-restore";

    /// <summary>Every trigger, for series that must exist before the first backup of each.</summary>
    public static IReadOnlyList<string> All { get; } = [Manual, Scheduled, PreRestore];
}
