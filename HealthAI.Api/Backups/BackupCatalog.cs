using System.Text.Json;
using HealthAI.Api.Backups.Engines;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// The backups on the shared volume: one folder per backup, named by its id, holding the copy and its
/// manifest. Only folders with a well-formed name and a readable manifest count, so a staging folder
/// left by a backup that failed midway is never mistaken for a backup.
/// </summary>
internal sealed partial class BackupCatalog(IOptions<BackupOptions> options, IBackupEngine engine, ILogger<BackupCatalog> logger)
{
    public const string ManifestFileName = "manifest.json";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory => options.Value.Directory;

    public string LocksDirectory => Path.Combine(Directory, ".locks");

    /// <summary>The copy's file name, which is the engine's (<c>knowledge.db</c>, <c>knowledge.dump</c>).</summary>
    public string DatabaseFileName => engine.FileName;

    public string ContentType => engine.ContentType;

    public string FolderOf(string id) => Path.Combine(Directory, id);

    public string DatabaseOf(string id) => Path.Combine(FolderOf(id), DatabaseFileName);

    /// <summary>Every backup, newest first.</summary>
    public IReadOnlyList<BackupManifest> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .Where(BackupId.IsWellFormed)
            .Select(id => Find(id!))
            .OfType<BackupManifest>()
            .OrderByDescending(manifest => manifest.CreatedAt)
            .ThenByDescending(manifest => manifest.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The manifest of a well-formed id, or null when there is no such backup.</summary>
    public BackupManifest? Find(string id)
    {
        if (!BackupId.IsWellFormed(id))
        {
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(Path.Combine(FolderOf(id), ManifestFileName)), Json);
            return manifest?.Id == id ? manifest : null;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is JsonException or IOException)
        {
            LogUnreadable(id, error.Message);
            return null;
        }
    }

    /// <summary>
    /// Removes a backup. The folder is first renamed out of the id namespace, so a deletion that stops
    /// halfway leaves something that no longer looks like a backup.
    /// </summary>
    public void Delete(string id)
    {
        var doomed = Path.Combine(Directory, $".deleting-{id}-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.Move(FolderOf(id), doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        System.IO.Directory.Delete(doomed, recursive: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId} has an unreadable manifest and is ignored: {Reason}")]
    private partial void LogUnreadable(string backupId, string reason);
}
