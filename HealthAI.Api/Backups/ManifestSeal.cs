using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// Authenticates a backup's manifest: an HMAC-SHA256 of the manifest file's exact bytes under
/// <see cref="BackupOptions.ManifestKey"/>, in a file beside it. The manifest holds the copy's SHA-256, so a
/// sealed manifest vouches for the copy too; without the key, a dump and manifest planted on the backups
/// volume are never restored, not even into a scratch database.
/// </summary>
internal sealed class ManifestSeal(IOptions<BackupOptions> options)
{
    public const string FileName = "manifest.hmac";

    /// <summary>Seals the manifest in <paramref name="folder"/>; the seal is flushed to disk before the folder is renamed into place.</summary>
    public async Task SealAsync(string folder, CancellationToken cancellationToken)
    {
        var manifest = await File.ReadAllBytesAsync(Path.Combine(folder, BackupCatalog.ManifestFileName), cancellationToken);
        await using var stream = new FileStream(Path.Combine(folder, FileName), FileMode.CreateNew, FileAccess.Write);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Tag(manifest))), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Whether the manifest in <paramref name="folder"/> carries a seal made with this deployment's key.</summary>
    public async Task<bool> IsAuthenticAsync(string folder, CancellationToken cancellationToken)
    {
        byte[] manifest, seal;
        try
        {
            manifest = await File.ReadAllBytesAsync(Path.Combine(folder, BackupCatalog.ManifestFileName), cancellationToken);
            seal = Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(folder, FileName), cancellationToken)).Trim());
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(seal, Tag(manifest));
    }

    private byte[] Tag(byte[] manifest) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ManifestKey), manifest);
}
