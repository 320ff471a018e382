using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.ServiceDefaults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Documents and their chunks in the shared SQLite file.</summary>
internal sealed class DocumentRepository(
    KnowledgeBaseConnections connections,
    IOptions<KnowledgeBaseOptions> options,
    IOptions<ReplicaOptions> replica,
    TimeProvider clock)
{
    private const string SummaryColumns = "id, title, source, tags, format, chunk_count, bytes, created_at";

    /// <summary>Stores every document that is not there yet, in one transaction.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken) =>
        connections.WriteAsync((connection, transaction, token) => IngestAsync(connection, transaction, documents, token), cancellationToken);

    /// <summary>Stores every document that is not there yet, inside a write transaction the caller holds.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>(documents.Count);
        foreach (var document in documents)
        {
            results.Add(await InsertAsync(connection, transaction, document, cancellationToken));
        }

        return results;
    }

    public Task<DocumentDetail?> GetAsync(string id, CancellationToken cancellationToken) =>
        connections.ReadAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SummaryColumns}, text FROM documents WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(token);
            if (!await reader.ReadAsync(token))
            {
                return null;
            }

            var summary = ReadSummary(reader);
            return new DocumentDetail(summary.Id, summary.Title, summary.Source, summary.Tags, summary.Format,
                reader.GetString(8), summary.Chunks, summary.Bytes, summary.CreatedAt);
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        connections.WriteAsync((connection, transaction, token) => DeleteAsync(connection, transaction, id, token), cancellationToken);

    /// <summary>Deletes a document inside a write transaction the caller holds; false when there was none.</summary>
    public static async Task<bool> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Chunks first and explicitly: their delete trigger is what keeps the full-text index in step.
        command.CommandText = "DELETE FROM chunks WHERE document_id = $id; DELETE FROM documents WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes();";
        return Convert.ToInt64(await changes.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    public Task<DocumentPage> ListAsync(int offset, int limit, CancellationToken cancellationToken) =>
        connections.ReadAsync(async (connection, token) =>
        {
            // One read transaction, so that the total and the page describe the same moment.
            await using var transaction = connection.BeginTransaction(deferred: true);
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT count(*) FROM documents;";
            var total = Convert.ToInt64(await count.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);

            await using var page = connection.CreateCommand();
            page.Transaction = transaction;
            page.CommandText = $"SELECT {SummaryColumns} FROM documents ORDER BY created_at DESC, id LIMIT $limit OFFSET $offset;";
            page.Parameters.AddWithValue("$limit", limit);
            page.Parameters.AddWithValue("$offset", offset);
            var items = new List<DocumentSummary>();
            await using var reader = await page.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                items.Add(ReadSummary(reader));
            }

            return new DocumentPage(total, offset, limit, items);
        }, cancellationToken);

    public Task<KnowledgeBaseStats> StatsAsync(CancellationToken cancellationToken) =>
        connections.ReadAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),
                       (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()),
                       (SELECT user_version FROM pragma_user_version());
                """;
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            var generation = connections.Locator.Current().Number;
            return new KnowledgeBaseStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), generation, reader.GetInt32(3));
        }, cancellationToken);

    private async Task<IngestResult> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, NewDocument document, CancellationToken cancellationToken)
    {
        var chunks = Chunker.Split(document.Text, options.Value.ChunkCharacters);
        var createdAt = clock.GetUtcNow();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO documents (id, title, source, tags, format, text, bytes, chunk_count, created_at, created_by)
                VALUES ($id, $title, $source, $tags, $format, $text, $bytes, $chunks, $created_at, $created_by)
                ON CONFLICT (id) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$id", document.Id);
            insert.Parameters.AddWithValue("$title", document.Title);
            insert.Parameters.AddWithValue("$source", document.Source);
            insert.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(document.Tags));
            insert.Parameters.AddWithValue("$format", document.Format);
            insert.Parameters.AddWithValue("$text", document.Text);
            insert.Parameters.AddWithValue("$bytes", Encoding.UTF8.GetByteCount(document.Text));
            insert.Parameters.AddWithValue("$chunks", chunks.Count);
            insert.Parameters.AddWithValue("$created_at", createdAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$created_by", replica.Value.Name);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new IngestResult(await ReadSummaryAsync(connection, transaction, document.Id, cancellationToken), Created: false);
            }
        }

        await using var chunk = connection.CreateCommand();
        chunk.Transaction = transaction;
        chunk.CommandText = "INSERT INTO chunks (document_id, ordinal, title, text) VALUES ($document, $ordinal, $title, $text);";
        var ordinal = chunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var text = chunk.Parameters.Add("$text", SqliteType.Text);
        chunk.Parameters.AddWithValue("$document", document.Id);
        chunk.Parameters.AddWithValue("$title", document.Title);
        for (var i = 0; i < chunks.Count; i++)
        {
            ordinal.Value = i;
            text.Value = chunks[i];
            await chunk.ExecuteNonQueryAsync(cancellationToken);
        }

        var summary = new DocumentSummary(document.Id, document.Title, document.Source, document.Tags, document.Format,
            chunks.Count, Encoding.UTF8.GetByteCount(document.Text), createdAt);
        return new IngestResult(summary, Created: true);
    }

    private static async Task<DocumentSummary> ReadSummaryAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SummaryColumns} FROM documents WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadSummary(reader);
    }

    private static DocumentSummary ReadSummary(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt64(6),
        DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}
