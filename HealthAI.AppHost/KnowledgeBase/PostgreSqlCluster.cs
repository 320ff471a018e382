using System.Diagnostics;

namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>
/// The host-process server's cluster folder: made once by <c>initdb</c> and kept between runs, like the
/// SQLite data folder. PostgreSQL refuses to run as root, so under root the tools run as the <c>postgres</c>
/// account that Debian's package creates, and the folder belongs to it.
/// </summary>
internal static class PostgreSqlCluster
{
    private const string InitDb = "/usr/lib/postgresql/15/bin/initdb";

    private static bool IsRoot => Environment.UserName == "root";

    public static void EnsureInitialized(string folder, string data, string superuser)
    {
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            return;
        }

        if (!File.Exists(InitDb))
        {
            throw new InvalidOperationException($"HealthAI:KnowledgeBase:Engine=PostgreSql without a container runtime needs Debian's postgresql-15 ({InitDb} is missing): run scripts/install-host-packages.sh as root.");
        }

        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            Run("chown", ["postgres", folder]);
        }

        var (command, arguments) = AsServerAccount(InitDb, ["-D", data, "-U", superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        Run(command, arguments);
    }

    public static (string Command, IReadOnlyList<string> Arguments) AsServerAccount(string tool, IReadOnlyList<string> arguments) =>
        IsRoot ? ("runuser", ["-u", "postgres", "--", tool, .. arguments]) : (tool, arguments);

    private static void Run(string command, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}");
        }
    }
}
