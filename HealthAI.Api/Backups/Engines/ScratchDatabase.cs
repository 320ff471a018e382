using System.Globalization;
using HealthAI.Api.KnowledgeBase.Storage;
using Npgsql;

namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// A database of its own on the knowledge base's server, holding one backup restored by <c>pg_restore</c>,
/// dropped when disposed. Verify checks it; restore copies from it.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly PostgreSqlStore _store;

    private ScratchDatabase(PostgreSqlStore store, string name, string? failure)
    {
        _store = store;
        Name = name;
        Failure = failure;
    }

    public string Name { get; }

    /// <summary>Why <c>pg_restore</c> could not restore the copy, or null when it did.</summary>
    public string? Failure { get; }

    public static async Task<ScratchDatabase> RestoreAsync(PostgreSqlStore store, PostgreSqlTools tools, string dump, CancellationToken cancellationToken)
    {
        // A database name is at most 63 bytes: keep the random part whole, shorten the prefix.
        var prefix = store.ConnectionString.Database ?? "healthai";
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix[..Math.Min(prefix.Length, 22)]}_scratch_{Guid.NewGuid():N}");
        // pg_restore goes to the server that created the database: of several hosts, libpq would take the first that
        // answers, and a standby that has not replayed the creation yet refuses the session outright.
        var server = await ExecuteAsync(store, $"CREATE DATABASE \"{name}\";", cancellationToken);
        var scratch = new ScratchDatabase(store, name, null);
        var contents = Path.Combine(Path.GetTempPath(), $"{name}.list");
        try
        {
            // Extensions belong to the cluster's superuser (pg_auto_failover installs pg_stat_statements in every database),
            // and the knowledge base uses none: the role that restores, which is no superuser, leaves them out.
            var listed = await tools.RunAsync("pg_restore", store.ConnectionString, ["--list", dump], cancellationToken);
            await File.WriteAllLinesAsync(contents, listed.Split('\n').Where(entry => !IsExtension(entry)), cancellationToken);
            await tools.RunAsync("pg_restore", server,
                ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--use-list={contents}", $"--dbname={name}", dump], cancellationToken);
            return scratch;
        }
        catch (PostgreSqlToolException failed)
        {
            await scratch.DisposeAsync();
            return new ScratchDatabase(store, name, failed.Message);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
        finally
        {
            File.Delete(contents);
        }
    }

    // A table-of-contents line of `pg_restore --list`: "<id>; <oid> <oid> EXTENSION - name owner", or "COMMENT - EXTENSION name".
    private static bool IsExtension(string entry) =>
        entry.Contains(" EXTENSION - ", StringComparison.Ordinal) || entry.Contains(" COMMENT - EXTENSION ", StringComparison.Ordinal);

    public async ValueTask DisposeAsync() => await ExecuteAsync(_store, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE);", CancellationToken.None);

    /// <summary>Runs <paramref name="sql"/> on the primary; answers the connection settings of that one server.</summary>
    private static async Task<NpgsqlConnectionStringBuilder> ExecuteAsync(PostgreSqlStore store, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(store.ConnectionString.ConnectionString) { Host = connection.Host, Port = connection.Port };
    }
}
