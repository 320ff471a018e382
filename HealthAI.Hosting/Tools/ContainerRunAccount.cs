using System.Globalization;
using System.Runtime.InteropServices;

namespace HealthAI.Hosting;

/// <summary>
/// The account a local container runs as, and the hand-over of the run directory it bind-mounts. The AppHost
/// makes run directories private (0700, its own), and the project's images run as an unprivileged user of their
/// own: without a hand-over that user can neither write its pid and temp files nor read its configuration and key.
/// </summary>
/// <param name="User">The numeric user id the container runs as.</param>
/// <param name="Group">The numeric group id the container runs as.</param>
public sealed partial record ContainerRunAccount(uint User, uint Group)
{
    /// <summary>
    /// The account for an image whose unprivileged user is <paramref name="imageUser"/>: that user when the AppHost runs
    /// as root (it can hand the folder over; never root in the container), else the AppHost's own user, who owns the folder already.
    /// </summary>
    public static ContainerRunAccount For(int imageUser)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageUser);
        if (OperatingSystem.IsWindows())
        {
            return new ContainerRunAccount((uint)imageUser, (uint)imageUser);
        }

        return GetEffectiveUserId() == 0
            ? new ContainerRunAccount((uint)imageUser, (uint)imageUser)
            : new ContainerRunAccount(GetEffectiveUserId(), GetEffectiveGroupId());
    }

    /// <summary>The container runtime's argument that runs the container as this account.</summary>
    public string RuntimeArgument => string.Create(CultureInfo.InvariantCulture, $"--user={User}:{Group}");

    /// <summary>Gives <paramref name="directory"/> and everything in it to this account (only root changes another user's files).</summary>
    public void HandOver(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (OperatingSystem.IsWindows() || GetEffectiveUserId() != 0)
        {
            return;
        }

        Own(directory);
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
        {
            Own(entry);
        }
    }

    private void Own(string path)
    {
        // lchown: a link in the folder is handed over itself, never what it points to.
        if (ChangeOwner(path, User, Group) != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to {User}:{Group} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial uint GetEffectiveGroupId();

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ChangeOwner(string path, uint owner, uint group);
}
