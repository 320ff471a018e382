using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthAI.Api.Tests;

/// <summary>
/// The engine a test class runs the knowledge base on. Knowledge-base, search, ask and backup tests are
/// written once against the API and run once per engine (a SQLite and a PostgreSQL subclass of each).
/// </summary>
public abstract class KnowledgeBaseUnderTest
{
    public static KnowledgeBaseUnderTest Sqlite { get; } = new SqliteKnowledgeBase();

    public abstract string Name { get; }

    /// <summary>The name of a backup's copy in its folder.</summary>
    public abstract string BackupFileName { get; }

    public override string ToString() => Name;

    /// <summary>Settings for a fresh, empty knowledge base, merged over <paramref name="settings"/>; replicas given the same settings share it.</summary>
    public abstract Task<IDictionary<string, string?>> SettingsAsync(IDictionary<string, string?>? settings = null);

    /// <summary><c>ok</c> when the engine's own tools can read the backup copy at <paramref name="path"/>.</summary>
    public abstract Task<string> IntegrityOfBackupAsync(string path);

    /// <summary>The ids of the documents in the backup copy at <paramref name="path"/>.</summary>
    public abstract Task<HashSet<string>> DocumentIdsInBackupAsync(string path);

    /// <summary>Breaks the replicas' knowledge base so that the next backup fails midway (after its staging folder exists).</summary>
    public abstract Task BreakAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings);

    protected static Dictionary<string, string?> Copy(IDictionary<string, string?>? settings) => new(settings ?? new Dictionary<string, string?>());
}

internal sealed class SqliteKnowledgeBase : KnowledgeBaseUnderTest
{
    public override string Name => "SQLite";

    public override string BackupFileName => "knowledge.db";

    public override Task<IDictionary<string, string?>> SettingsAsync(IDictionary<string, string?>? settings = null) =>
        Task.FromResult<IDictionary<string, string?>>(Copy(settings));

    public override Task BreakAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings) =>
        File.WriteAllTextAsync(Path.Combine(dataDirectory, "CURRENT"), "not a generation");

    public override Task<string> IntegrityOfBackupAsync(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Task.FromResult((string)command.ExecuteScalar()!);
    }

    public override Task<HashSet<string>> DocumentIdsInBackupAsync(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM documents;";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return Task.FromResult(ids);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

internal sealed class PostgreSqlKnowledgeBase(PostgreSqlFixture fixture) : KnowledgeBaseUnderTest
{
    public override string Name => "PostgreSQL";

    public override string BackupFileName => "knowledge.dump";

    public override async Task<IDictionary<string, string?>> SettingsAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await fixture.ServerAsync();
        var merged = Copy(settings);
        merged["KnowledgeBase:Engine"] = "PostgreSql";
        merged["KnowledgeBase:ConnectionString"] = await server.CreateDatabaseAsync(TestContext.Current.TestClass?.TestClassSimpleName ?? "kb");
        return merged;
    }

    public override async Task BreakAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        await using var connection = new NpgsqlConnection(settings["KnowledgeBase:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ALTER TABLE documents RENAME TO documents_gone;", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<string> IntegrityOfBackupAsync(string path)
    {
        var listed = await ToolRun.RunAsync(Path.Combine(PostgreSqlServer.BinDirectory, "pg_restore"), ["--list", path]);
        return listed.Succeeded ? "ok" : listed.Output;
    }

    public override async Task<HashSet<string>> DocumentIdsInBackupAsync(string path)
    {
        // pg_restore writes the table's data as COPY text: one tab-separated row a line, up to "\.".
        var data = await ToolRun.RunAsync(Path.Combine(PostgreSqlServer.BinDirectory, "pg_restore"), ["--data-only", "--table=documents", "--file=-", path]);
        Assert.True(data.Succeeded, data.Output);
        return data.Output.Split('\n')
            .SkipWhile(line => !line.StartsWith("COPY ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line != "\\.")
            .Select(line => line.Split('\t')[0])
            .Where(id => id.Length == 32 && id.All(char.IsAsciiHexDigitLower))
            .ToHashSet(StringComparer.Ordinal);
    }
}
