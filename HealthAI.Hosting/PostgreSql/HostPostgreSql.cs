using System.Diagnostics;
using System.Globalization;

namespace HealthAI.Hosting;

/// <summary>
/// Debian's PostgreSQL 15 as a host process, for the local run's knowledge base and for the tests' servers alike: its
/// tools, its cluster folder made by <c>initdb</c>, and the command that runs the server on loopback. PostgreSQL refuses
/// to run as root, so under root every tool runs as the <c>postgres</c> account the package creates, which owns the folder.
/// </summary>
public static class HostPostgreSql
{
    /// <summary>Where Debian's package installs the server's programs.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string ServerAccount = "postgres";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The full path of the package's program <paramref name="name"/> (<c>initdb</c>, <c>postgres</c>, <c>pg_ctl</c>...).</summary>
    public static string Tool(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Path.Combine(BinDirectory, name);
    }

    /// <summary>Fails, naming the script that installs it, when the package is missing; <paramref name="purpose"/> says who needs it.</summary>
    public static void EnsureInstalled(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (!File.Exists(Tool("postgres")) || !File.Exists(Tool("initdb")))
        {
            throw new InvalidOperationException($"{purpose} needs Debian's postgresql-15 ({BinDirectory} is missing it): run scripts/install-host-packages.sh as root.");
        }
    }

    /// <summary><paramref name="tool"/> with <paramref name="arguments"/>, as the server's account runs it.</summary>
    public static (string Command, IReadOnlyList<string> Arguments) AsServerAccount(string tool, IReadOnlyList<string> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        return IsRoot ? ("runuser", ["-u", ServerAccount, "--", tool, .. arguments]) : (tool, arguments);
    }

    /// <summary>
    /// Makes the cluster in <paramref name="folder"/>'s <c>data</c> folder with <paramref name="superuser"/> trusted on loopback, unless
    /// it is there already; returns what <c>initdb</c> said. <paramref name="durable"/> false skips its fsync, for a cluster thrown away.
    /// </summary>
    public static async Task<string> EnsureClusterAsync(string folder, string superuser, bool durable, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(superuser);
        var data = DataDirectory(folder);
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            return "";
        }

        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", [ServerAccount, folder], cancellationToken);
        }

        string[] sync = durable ? [] : ["--no-sync"];
        var (command, arguments) = AsServerAccount(Tool("initdb"), ["-D", data, "-U", superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", .. sync]);
        return await RunAsync(command, arguments, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="folder"/>'s cluster a streaming standby of the server on loopback <paramref name="sourcePort"/>:
    /// a base backup taken as <paramref name="superuser"/> (after an immediate checkpoint, not a spread one), with the settings
    /// that make it follow that server when it starts.
    /// </summary>
    public static async Task<string> CloneAsync(string folder, int sourcePort, string superuser, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(superuser);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", [ServerAccount, folder], cancellationToken);
        }

        var (command, arguments) = AsServerAccount(Tool("pg_basebackup"),
        [
            "-h", "127.0.0.1", "-p", sourcePort.ToString(CultureInfo.InvariantCulture), "-U", superuser,
            "-D", DataDirectory(folder), "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-sync",
        ]);
        return await RunAsync(command, arguments, cancellationToken);
    }

    /// <summary>The cluster's data folder inside <paramref name="folder"/>.</summary>
    public static string DataDirectory(string folder) => Path.Combine(folder, "data");

    /// <summary>
    /// The command that runs the server of <paramref name="folder"/>'s cluster in the foreground on loopback <paramref name="port"/>,
    /// its Unix socket in <paramref name="socketDirectory"/> (none when null), with <paramref name="settings"/> as further <c>-c</c> settings.
    /// </summary>
    public static (string Command, IReadOnlyList<string> Arguments) Server(string folder, int port, string? socketDirectory, IReadOnlyList<string> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(settings);
        string[] socket = socketDirectory is null ? ["-c", "unix_socket_directories="] : ["-k", socketDirectory];
        return AsServerAccount(Tool("postgres"),
        [
            "-D", DataDirectory(folder), "-p", port.ToString(CultureInfo.InvariantCulture), .. socket, "-c", "listen_addresses=127.0.0.1",
            .. settings.SelectMany(setting => new[] { "-c", setting }),
        ]);
    }

    /// <summary>Runs <paramref name="command"/> to its end, returning what it wrote, or fails with what it said.</summary>
    public static async Task<string> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output + await errors
            : throw new InvalidOperationException($"{Path.GetFileName(command)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
    }
}
