using HealthAI.Api.Backups.Engines;

namespace HealthAI.Api.Backups;

/// <summary>The outcome of re-checking a backup.</summary>
internal sealed record BackupVerification(string Id, bool Valid, bool Sha256Matches, string ExpectedSha256, string? ActualSha256, long? Bytes, string Integrity);

/// <summary>Re-hashes a backup's copy against its manifest and has the engine check it (SQLite's integrity check, or a PostgreSQL restore into a scratch database).</summary>
internal sealed class BackupVerifier(BackupCatalog catalog, IBackupEngine engine)
{
    public async Task<BackupVerification> VerifyAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var path = catalog.DatabaseOf(manifest.Id);
        if (!File.Exists(path))
        {
            return new BackupVerification(manifest.Id, false, false, manifest.Sha256, null, null, "the copy is missing");
        }

        var actual = await SqliteFile.Sha256Async(path, cancellationToken);
        var integrity = await engine.IntegrityAsync(path, manifest, cancellationToken);
        var matches = string.Equals(actual, manifest.Sha256, StringComparison.Ordinal);
        return new BackupVerification(manifest.Id, matches && integrity == "ok", matches, manifest.Sha256, actual, new FileInfo(path).Length, integrity);
    }
}
