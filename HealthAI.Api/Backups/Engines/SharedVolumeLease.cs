using System.Globalization;

namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// An exclusive lease between the replicas of one host, held as a lock on a file of the shared volume.
/// The kernel releases it when its holder exits, even by a crash, so a dead replica never holds it.
/// (.NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix; it also separates
/// two holders within one process, which is what lets tests run four replicas in one.)
/// </summary>
internal sealed class SharedVolumeLease : IDisposable, IAsyncDisposable
{
    private readonly FileStream _lock;

    private SharedVolumeLease(FileStream held) => _lock = held;

    /// <summary>The lease, or null at once when another holder has it.</summary>
    public static SharedVolumeLease? TryAcquire(string path, string holder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Who holds it, for an operator looking at the volume; the lock itself is what counts.
            stream.SetLength(0);
            var note = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{holder} pid {Environment.ProcessId} since {DateTimeOffset.UtcNow:O}\n"));
            stream.Write(note);
            stream.Flush();
            var lease = new SharedVolumeLease(stream);
            stream = null;
            return lease;
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>The lease, waiting for it up to <paramref name="timeout"/>; null when it stayed taken.</summary>
    public static async Task<SharedVolumeLease?> AcquireAsync(string path, string holder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (TryAcquire(path, holder) is { } lease)
            {
                return lease;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public void Dispose() => _lock.Dispose();

    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
