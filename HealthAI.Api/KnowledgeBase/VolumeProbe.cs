namespace HealthAI.Api.KnowledgeBase;

/// <summary>Whether a shared volume takes writes, and how much room it has left.</summary>
internal static class VolumeProbe
{
    /// <summary>Writes, flushes and deletes a small file; the error, or null when the volume is writable.</summary>
    public static string? WriteError(string directory, string replica)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{replica}-{Guid.NewGuid():N}");
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(1);
                stream.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }

    /// <summary>Free bytes available to this process on the volume holding <paramref name="directory"/>, or null if unknown.</summary>
    public static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
