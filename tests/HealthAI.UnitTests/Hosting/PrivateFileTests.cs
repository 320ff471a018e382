using System.Text.RegularExpressions;

namespace HealthAI.Hosting.Tests;

/// <summary>Files holding a secret are 0600 from their creation: never written readable and narrowed afterwards.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class PrivateFileTests
{
    private static readonly string[] HostingProjects = ["HealthAI.AppHost", "HealthAI.Edge", "HealthAI.Hosting"];
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_file_is_owner_only_and_nothing_else_is_left_in_its_folder()
    {
        using var run = RunDirectory.Create("unit");
        var path = Path.Combine(run.Path, "haproxy.cfg");

        await PrivateFile.WriteAllTextAsync(path, "stats auth healthai:secret\n", Cancel);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("stats auth healthai:secret\n", await File.ReadAllTextAsync(path, Cancel));
        Assert.Equal([path], Directory.GetFiles(run.Path));
    }

    [Fact]
    public async Task A_readable_older_copy_is_replaced_not_reused()
    {
        using var run = RunDirectory.Create("unit");
        var path = Path.Combine(run.Path, "secrets.env");
        await File.WriteAllTextAsync(path, "old=value-that-was-much-longer-than-the-new-one\n", Cancel);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await PrivateFile.WriteAllTextAsync(path, "new=value\n", Cancel);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("new=value\n", await File.ReadAllTextAsync(path, Cancel));
    }

    /// <summary>
    /// There is no window: a mode set after a write leaves the file readable between the two calls, so no file in the
    /// AppHost or the edge hosting may be chmodded; only the run directory itself is (it holds no secret).
    /// </summary>
    [Fact]
    public void No_file_is_written_first_and_chmodded_afterwards()
    {
        var sources = HostingProjects
            .SelectMany(project => Directory.EnumerateFiles(RepositoryPaths.Of(project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var chmods = sources
            .SelectMany(file => File.ReadLines(file).Select(line => (File: Path.GetFileName(file), Line: line.Trim())))
            .Where(entry => ModeChange().IsMatch(entry.Line) && !entry.Line.Contains("RunDirectory", StringComparison.Ordinal))
            .Select(entry => $"{entry.File}: {entry.Line}");

        Assert.Empty(chmods);
    }

    [GeneratedRegex(@"SetUnixFileMode\(|\.UnixFileMode\s*=[^=]|\bchmod\b")]
    private static partial Regex ModeChange();
}
