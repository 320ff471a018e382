using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Documents and their chunks, in one SQL text for both engines.</summary>
internal sealed class DocumentRepository(
    IKnowledgeBaseStore connections,
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
        DbConnection connection, DbTransaction transaction, IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
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
            await using var command = connection.Command($"SELECT {SummaryColumns}, text FROM documents WHERE id = @id;");
            command.With("id", id);
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
    public static async Task<bool> DeleteAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        // Chunks first and explicitly: on SQLite their delete trigger is what keeps the full-text index in step.
        await using (var chunks = connection.Command("DELETE FROM chunks WHERE document_id = @id;", transaction))
        {
            chunks.With("id", id);
            await chunks.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var document = connection.Command("DELETE FROM documents WHERE id = @id;", transaction);
        document.With("id", id);
        return await document.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task<DocumentPage> ListAsync(int offset, int limit, CancellationToken cancellationToken) =>
        connections.ReadAsync(async (connection, token) =>
        {
            // One statement, so that the total and the page describe the same moment on either engine;
            // the left join gives the total even for a page past the end.
            await using var page = connection.Command($"""
                SELECT page.*, total.count FROM (SELECT count(*) AS count FROM documents) total
                LEFT JOIN (SELECT {SummaryColumns} FROM documents ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset) page ON 1 = 1
                ORDER BY page.created_at DESC, page.id;
                """);
            page.With("limit", limit);
            page.With("offset", offset);
            var items = new List<DocumentSummary>();
            long total = 0;
            await using var reader = await page.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                total = Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture);
                if (!reader.IsDBNull(0))
                {
                    items.Add(ReadSummary(reader));
                }
            }

            return new DocumentPage(total, offset, limit, items);
        }, cancellationToken);

    public Task<KnowledgeBaseStats> StatsAsync(CancellationToken cancellationToken) =>
        connections.ReadAsync(async (connection, token) =>
        {
            var generation = await connections.GenerationAsync(connection, token);
            await using var command = connection.Command(connections.Dialect.StatsSql);
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            return new KnowledgeBaseStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), generation, reader.GetInt32(3));
        }, cancellationToken);

    private async Task<IngestResult> InsertAsync(DbConnection connection, DbTransaction transaction, NewDocument document, CancellationToken cancellationToken)
    {
        var chunks = Chunker.Split(document.Text, options.Value.ChunkCharacters);
        var createdAt = clock.GetUtcNow();
        await using (var insert = connection.Command("""
            INSERT INTO documents (id, title, source, tags, format, text, bytes, chunk_count, created_at, created_by)
            VALUES (@id, @title, @source, @tags, @format, @text, @bytes, @chunks, @created_at, @created_by)
            ON CONFLICT (id) DO NOTHING;
            """, transaction))
        {
            insert.With("id", document.Id);
            insert.With("title", document.Title);
            insert.With("source", document.Source);
            insert.With("tags", JsonSerializer.Serialize(document.Tags));
            insert.With("format", document.Format);
            insert.With("text", document.Text);
            insert.With("bytes", (long)Encoding.UTF8.GetByteCount(document.Text));
            insert.With("chunks", chunks.Count);
            // ISO 8601 text on both engines: it sorts as the time does and reads back the same.
            insert.With("created_at", createdAt.ToString("O", CultureInfo.InvariantCulture));
            insert.With("created_by", replica.Value.Name);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new IngestResult(await ReadSummaryAsync(connection, transaction, document.Id, cancellationToken), Created: false);
            }
        }

        await using var chunk = connection.Command("INSERT INTO chunks (document_id, ordinal, title, text) VALUES (@document, @ordinal, @title, @text);", transaction);
        var ordinal = chunk.With("ordinal", 0);
        var text = chunk.With("text", "");
        chunk.With("document", document.Id);
        chunk.With("title", document.Title);
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

    private static async Task<DocumentSummary> ReadSummaryAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {SummaryColumns} FROM documents WHERE id = @id;", transaction);
        command.With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadSummary(reader);
    }

    private static DocumentSummary ReadSummary(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt64(6),
        DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}
