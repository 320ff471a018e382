using System.Runtime.InteropServices;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Writes that survive a power cut: a copied file is on disk only once it is fsynced, and a rename(2) is atomic
/// but durable only once its directory is fsynced too. A restore answers only after both.
/// </summary>
internal static partial class DurableFile
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000;

    /// <summary>Flushes <paramref name="path"/>'s contents to disk.</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> and flushes the directory that records it.</summary>
    public static void Move(string source, string destination, bool overwrite)
    {
        File.Move(source, destination, overwrite);
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(destination)) ?? ".");
    }

    /// <summary>Flushes the entries of <paramref name="directory"/> (creations, renames) to disk.</summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals its metadata; there is no directory handle to flush.
            return;
        }

        var descriptor = Open(directory, ReadOnly | Directory);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
