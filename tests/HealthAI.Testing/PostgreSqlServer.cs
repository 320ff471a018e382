using System.Diagnostics;
using System.Globalization;
using HealthAI.Hosting;
using Npgsql;

namespace HealthAI.Testing;

/// <summary>
/// A real PostgreSQL 15 server from Debian's packages (<see cref="HostPostgreSql"/>, as the local run starts it), on a free
/// loopback port with its cluster in a temporary folder, stopped with <c>pg_ctl stop</c> and deleted when disposed.
/// Tests get a database of their own from it.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    public const string BinDirectory = HostPostgreSql.BinDirectory;
    private const string Superuser = "postgres";

    /// <summary>The role the API connects as, as in a deployment: no superuser, owner of its databases, CREATEDB for verify's scratch copies.</summary>
    public const string ApplicationRole = "healthai";
    private readonly string _folder;
    private readonly Process _postgres;
    private int _databases;

    private PostgreSqlServer(string folder, int port, Process postgres)
    {
        _folder = folder;
        Port = port;
        _postgres = postgres;
    }

    public int Port { get; }

    private string DataDirectory => HostPostgreSql.DataDirectory(_folder);

    /// <summary>The connection string of <paramref name="database"/> on this server, as the <see cref="ApplicationRole"/>.</summary>
    public string ConnectionString(string database = "postgres") => ConnectionString(database, ApplicationRole);

    private string ConnectionString(string database, string role) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = role,
        Database = database,
        // A test server's connections are few; returning them promptly keeps DROP DATABASE quick.
        ConnectionIdleLifetime = 10,
    }.ConnectionString;

    /// <summary>Starts a server; <paramref name="durable"/> keeps PostgreSQL's defaults (fsync, synchronous commit), for benchmarks.</summary>
    public static async Task<PostgreSqlServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        HostPostgreSql.EnsureInstalled("A test's PostgreSQL server");
        var folder = RunDirectory.Create("pg").Path;
        var init = await HostPostgreSql.EnsureClusterAsync(folder, Superuser, durable, cancellationToken);
        // A test cluster is thrown away: durability to disk buys nothing and costs the shared CPU and disk.
        string[] speed = durable ? [] : ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];
        var server = await RunAsync(folder, init, ["max_connections=300", .. speed], cancellationToken);
        try
        {
            await server.AsSuperuserAsync($"CREATE ROLE {ApplicationRole} LOGIN CREATEDB;", cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a hot standby of this server, holding back each transaction it streams for <paramref name="applyDelay"/>
    /// (<c>recovery_min_apply_delay</c>): what this server commits from now on stays out of the standby's sight for that long.
    /// </summary>
    public async Task<PostgreSqlServer> StartStandbyAsync(TimeSpan applyDelay, CancellationToken cancellationToken = default)
    {
        var folder = RunDirectory.Create("pg-standby").Path;
        var cloned = await HostPostgreSql.CloneAsync(folder, Port, Superuser, cancellationToken);
        return await RunAsync(folder, cloned,
            ["max_connections=300", "fsync=off", string.Create(CultureInfo.InvariantCulture, $"recovery_min_apply_delay={(long)applyDelay.TotalMilliseconds}ms")], cancellationToken);
    }

    private static async Task<PostgreSqlServer> RunAsync(string folder, string init, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var (command, arguments) = HostPostgreSql.Server(folder, port, socketDirectory: folder, settings);
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Its log is drained, not kept: the tests look at the server through SQL, not its output.
        var postgres = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start.");
        postgres.BeginErrorReadLine();
        postgres.BeginOutputReadLine();
        var server = new PostgreSqlServer(folder, port, postgres);
        try
        {
            await server.WaitUntilReadyAsync(init, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new empty database; its name says which test made it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30)])}_{Interlocked.Increment(ref _databases)}");
        await AsSuperuserAsync($"CREATE DATABASE \"{name}\" OWNER {ApplicationRole};", cancellationToken);
        // As pg_auto_failover does in every database: an extension only a superuser can create, which backups must carry past.
        await AsSuperuserAsync("CREATE EXTENSION pg_stat_statements;", cancellationToken, name);
        return ConnectionString(name);
    }

    private async Task AsSuperuserAsync(string sql, CancellationToken cancellationToken, string database = "postgres")
    {
        // Unpooled: an idle superuser session left in a test's database would outrank the role that drops or cuts its sessions.
        await using var connection = new NpgsqlConnection(ConnectionString(database, Superuser) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_postgres.HasExited)
        {
            var (command, arguments) = HostPostgreSql.AsServerAccount(HostPostgreSql.Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
            await HostPostgreSql.RunAsync(command, arguments);
            if (!await ExitedWithinAsync(_postgres, TimeSpan.FromSeconds(10)))
            {
                _postgres.Kill(entireProcessTree: true);
            }
        }

        _postgres.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopping server still held; the temp folder is cleaned by the OS eventually.
        }
    }

    private async Task WaitUntilReadyAsync(string initOutput, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", Superuser));
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_postgres.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (NpgsqlException error)
            {
                throw new InvalidOperationException($"PostgreSQL on port {Port} did not become ready (initdb said: {initOutput})", error);
            }
        }
    }

    private static async Task<bool> ExitedWithinAsync(Process process, TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Outside the ephemeral range, so that no other process's bind to port 0 takes it before the server does.
    private static int FreePort() => LoopbackPorts.Resolve(0);
}
