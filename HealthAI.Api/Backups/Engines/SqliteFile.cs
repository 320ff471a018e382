using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace HealthAI.Api.Backups.Engines;

/// <summary>Reads a database file that is not in use: its hash, its contents' counts, its integrity.</summary>
internal static class SqliteFile
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public static async Task<(long Documents, long Chunks, int SchemaVersion)> CountAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = OpenReadOnly(path);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), (SELECT user_version FROM pragma_user_version());";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    /// <summary><c>ok</c>, or what <c>PRAGMA integrity_check</c> (or opening the file) found wrong.</summary>
    public static async Task<string> IntegrityAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = OpenReadOnly(path);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check(20);";
            var findings = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                findings.Add(reader.GetString(0));
            }

            return string.Join("; ", findings);
        }
        catch (SqliteException error)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cannot be read as a database: {error.Message}");
        }
    }

    private static SqliteConnection OpenReadOnly(string path) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString());
}
