using System.Text;

namespace HealthAI.Hosting;

/// <summary>
/// Writes files that hold a secret (a password, a key, a token) readable and writable by their owner only, from the
/// moment they exist: the file is created with mode 0600 by the open call itself and renamed over the target, so
/// there is no moment at which another user could read it, and an older copy with a wider mode is replaced, not reused.
/// </summary>
public static class PrivateFile
{
    /// <summary>Owner read and write: 0600.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to <paramref name="path"/> with mode 0600.</summary>
    public static async Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, Options()))
            {
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(content), cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The synchronous <see cref="WriteAllTextAsync"/>.</summary>
    public static void WriteAllText(string path, string content) =>
        WriteAllTextAsync(path, content).GetAwaiter().GetResult();

    private static FileStreamOptions Options()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        return options;
    }
}
