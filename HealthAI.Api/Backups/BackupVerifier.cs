using HealthAI.Api.Backups.Engines;

namespace HealthAI.Api.Backups;

/// <summary>The outcome of re-checking a backup.</summary>
internal sealed record BackupVerification(string Id, bool Valid, bool ManifestAuthentic, bool Sha256Matches, string ExpectedSha256, string? ActualSha256, long? Bytes, string Integrity);

/// <summary>
/// Checks the manifest's seal, re-hashes the backup's copy against the manifest and has the engine check it (SQLite's
/// integrity check, or a PostgreSQL restore into a scratch database). A copy whose manifest is not sealed with this
/// deployment's key is never handed to the engine.
/// </summary>
internal sealed class BackupVerifier(BackupCatalog catalog, IBackupEngine engine, ManifestSeal seal)
{
    public async Task<BackupVerification> VerifyAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var (verification, copy) = await CheckAsync(manifest, cancellationToken);
        if (copy is not null)
        {
            await copy.DisposeAsync();
        }

        return verification;
    }

    /// <summary>Verifies the backup and keeps the engine's checked copy for a restore (the caller disposes it; null when the copy is missing).</summary>
    public async Task<(BackupVerification Verification, CheckedCopy? Copy)> CheckAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var path = catalog.DatabaseOf(manifest.Id);
        if (!await seal.IsAuthenticAsync(catalog.FolderOf(manifest.Id), cancellationToken))
        {
            return (new BackupVerification(manifest.Id, false, false, false, manifest.Sha256, null, null,
                "the manifest is not sealed with this deployment's Backups:ManifestKey, so the copy was not opened"), null);
        }

        if (!File.Exists(path))
        {
            return (new BackupVerification(manifest.Id, false, true, false, manifest.Sha256, null, null, "the copy is missing"), null);
        }

        var actual = await SqliteFile.Sha256Async(path, cancellationToken);
        var copy = await engine.CheckAsync(path, manifest, cancellationToken);
        var matches = string.Equals(actual, manifest.Sha256, StringComparison.Ordinal);
        return (new BackupVerification(manifest.Id, matches && copy.IsIntact, true, matches, manifest.Sha256, actual, new FileInfo(path).Length, copy.Integrity), copy);
    }
}
