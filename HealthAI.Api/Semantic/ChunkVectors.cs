using System.Data.Common;
using System.Globalization;
using System.Text;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Semantic;

/// <summary>
/// The vectors stored with the chunks (<c>embedding</c>, <c>embedding_model</c>, <c>embedding_stamp</c>), in one SQL
/// text for both engines: bytes of float32 in a SQLite BLOB or a PostgreSQL <c>bytea</c>.
/// </summary>
internal sealed class ChunkVectors(IKnowledgeBaseStore store)
{
    private const int IdsPerQuery = 500;

    // How many pending chunks a claim picks its batch from: replicas claiming at once then seldom collide.
    private const int ClaimCandidatesPerChunk = 8;

    /// <summary>
    /// Takes up to <paramref name="limit"/> chunks that have no vector of <paramref name="model"/> and that no
    /// replica holds, and holds them until <paramref name="holdUntil"/>. The candidates are found by a read, and
    /// the write takes them by id and checks again that nobody holds them: a replica holds the knowledge base's
    /// write lock (SQLite's is one for all replicas) for a few key lookups only. Candidates are picked at random
    /// among the first pending ones, so that replicas claiming at the same moment seldom want the same chunks.
    /// </summary>
    public async Task<IReadOnlyList<PendingChunk>> ClaimPendingAsync(string model, int limit, DateTimeOffset now, DateTimeOffset holdUntil, CancellationToken cancellationToken)
    {
        var candidates = await store.ReadAsync<IReadOnlyList<long>>(async (connection, token) =>
        {
            await using var command = connection.Command("""
                SELECT id FROM chunks
                WHERE (embedding_model IS NULL OR embedding_model <> @model) AND (embedding_claim IS NULL OR embedding_claim < @now)
                ORDER BY id LIMIT @limit;
                """);
            command.With("model", model);
            command.With("now", now.ToUnixTimeMilliseconds());
            command.With("limit", limit * ClaimCandidatesPerChunk);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }, cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        long[] shuffled = [.. candidates];
        Random.Shared.Shuffle(shuffled);
        var chosen = shuffled.Take(limit).ToList();
        return await store.WriteDerivedAsync<IReadOnlyList<PendingChunk>>(async (connection, transaction, token) =>
        {
            await using var command = connection.Command("", transaction);
            command.CommandText = $"""
                UPDATE chunks SET embedding_claim = @until
                WHERE id IN ({InList(command, chosen)})
                    AND (embedding_model IS NULL OR embedding_model <> @model) AND (embedding_claim IS NULL OR embedding_claim < @now)
                RETURNING id, title, text;
                """;
            command.With("model", model);
            command.With("now", now.ToUnixTimeMilliseconds());
            command.With("until", holdUntil.ToUnixTimeMilliseconds());
            var pending = new List<PendingChunk>(chosen.Count);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                pending.Add(new PendingChunk(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return pending;
        }, cancellationToken);
    }

    /// <summary>Stores vectors; a chunk deleted or rewritten meanwhile (its text changed) is left alone. Returns the ones stored.</summary>
    public Task<IReadOnlyList<EmbeddedChunk>> SaveAsync(string model, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken) =>
        store.WriteDerivedAsync<IReadOnlyList<EmbeddedChunk>>(async (connection, transaction, token) =>
        {
            await using var update = connection.Command("""
                UPDATE chunks SET embedding = @embedding, embedding_model = @model, embedding_stamp = @stamp, embedding_claim = NULL
                WHERE id = @id AND text = @text;
                """, transaction);
            update.With("model", model);
            var id = update.With("id", 0L);
            var text = update.With("text", "");
            var embedding = update.With("embedding", Array.Empty<byte>());
            var stamp = update.With("stamp", 0L);
            var saved = new List<EmbeddedChunk>(chunks.Count);
            foreach (var chunk in chunks)
            {
                id.Value = chunk.Id;
                text.Value = chunk.Text;
                embedding.Value = VectorMath.ToBytes(chunk.Vector);
                stamp.Value = chunk.Stamp;
                if (await update.ExecuteNonQueryAsync(token) > 0)
                {
                    saved.Add(chunk);
                }
            }

            return saved;
        }, cancellationToken);

    /// <summary>Every (id, stamp) with a vector of <paramref name="model"/>, from the index alone; the generation it was read in, and all chunks.</summary>
    public Task<(long Generation, long Chunks, IReadOnlyList<(long Id, long Stamp)> Stamps)> StampsAsync(string model, CancellationToken cancellationToken) =>
        store.ReadAsync<(long, long, IReadOnlyList<(long, long)>)>(async (connection, token) =>
        {
            var generation = await store.GenerationAsync(connection, token);
            long chunks;
            await using (var count = connection.Command("SELECT count(*) FROM chunks;"))
            {
                chunks = Convert.ToInt64(await count.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
            }

            await using var command = connection.Command("SELECT id, embedding_stamp FROM chunks WHERE embedding_model = @model;");
            command.With("model", model);
            var stamps = new List<(long, long)>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                stamps.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }

            return (generation, chunks, stamps);
        }, cancellationToken);

    /// <summary>Streams every vector of <paramref name="model"/> into <paramref name="index"/>, made empty for the generation read.</summary>
    public Task<int> LoadAllAsync(string model, VectorIndex index, int dimensions, CancellationToken cancellationToken) =>
        store.ReadAsync(async (connection, token) =>
        {
            var generation = await store.GenerationAsync(connection, token);
            await using (var count = connection.Command("SELECT count(*) FROM chunks WHERE embedding_model = @model;"))
            {
                count.With("model", model);
                var rows = Convert.ToInt32(await count.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
                index.Reset(generation, dimensions, rows);
            }

            await using var command = connection.Command("SELECT id, embedding_stamp, embedding FROM chunks WHERE embedding_model = @model;");
            command.With("model", model);
            return await ReadIntoAsync(command, index, dimensions, token);
        }, cancellationToken);

    /// <summary>Reads the vectors of <paramref name="ids"/> into <paramref name="index"/>; ids without a vector of the model are skipped.</summary>
    public async Task<int> LoadAsync(string model, IReadOnlyList<long> ids, VectorIndex index, int dimensions, CancellationToken cancellationToken)
    {
        var loaded = 0;
        foreach (var batch in ids.Chunk(IdsPerQuery))
        {
            loaded += await store.ReadAsync(async (connection, token) =>
            {
                await using var command = connection.Command("");
                command.CommandText = $"SELECT id, embedding_stamp, embedding FROM chunks WHERE embedding_model = @model AND id IN ({InList(command, batch)});";
                command.With("model", model);
                return await ReadIntoAsync(command, index, dimensions, token);
            }, cancellationToken);
        }

        return loaded;
    }

    /// <summary>A document's chunks, and whether each has a stored vector of <paramref name="model"/>.</summary>
    public Task<IReadOnlyList<(long Id, bool Embedded)>> ChunksOfAsync(string documentId, string model, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<(long, bool)>>(async (connection, token) =>
        {
            await using var command = connection.Command(
                "SELECT id, CASE WHEN embedding_model = @model THEN 1 ELSE 0 END FROM chunks WHERE document_id = @id;");
            command.With("id", documentId);
            command.With("model", model);
            var chunks = new List<(long, bool)>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                chunks.Add((reader.GetInt64(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture) == 1));
            }

            return chunks;
        }, cancellationToken);

    /// <summary>Forgets every stored vector, so that the worker embeds every chunk again. Returns how many chunks that is.</summary>
    public Task<int> ForgetAllAsync(CancellationToken cancellationToken) =>
        store.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = connection.Command("UPDATE chunks SET embedding = NULL, embedding_model = NULL, embedding_stamp = NULL, embedding_claim = NULL;", transaction);
            await command.ExecuteNonQueryAsync(token);
            await using var count = connection.Command("SELECT count(*) FROM chunks;", transaction);
            return Convert.ToInt32(await count.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>The rows of chunks by id, for hits only the semantic side found: document_id, id, ordinal, title, source, text.</summary>
    public Task<IReadOnlyDictionary<long, ChunkRow>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyDictionary<long, ChunkRow>>(async (connection, token) =>
        {
            var rows = new Dictionary<long, ChunkRow>(ids.Count);
            if (ids.Count == 0)
            {
                return rows;
            }

            await using var command = connection.Command("");
            command.CommandText = $"""
                SELECT c.document_id, c.id, c.ordinal, d.title, d.source, c.text
                FROM chunks c JOIN documents d ON d.id = c.document_id
                WHERE c.id IN ({InList(command, ids)});
                """;
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                rows[reader.GetInt64(1)] = new ChunkRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            }

            return rows;
        }, cancellationToken);

    private static string InList(DbCommand command, IEnumerable<long> ids)
    {
        var list = new StringBuilder();
        var i = 0;
        foreach (var id in ids)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"i{i++}");
            command.With(name, id);
            list.Append(list.Length == 0 ? "@" : ", @").Append(name);
        }

        return list.ToString();
    }

    private static async Task<int> ReadIntoAsync(DbCommand command, VectorIndex index, int dimensions, CancellationToken cancellationToken)
    {
        var bytes = new byte[dimensions * sizeof(float)];
        var vector = new float[dimensions];
        var loaded = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A vector of another length (a model that changed shape under the same id) is skipped, not half-read.
            if (reader.GetBytes(2, 0, null, 0, 0) == bytes.Length
                && reader.GetBytes(2, 0, bytes, 0, bytes.Length) == bytes.Length
                && VectorMath.TryRead(bytes, vector)
                && index.Upsert(reader.GetInt64(0), reader.GetInt64(1), vector))
            {
                loaded++;
            }
        }

        return loaded;
    }
}

/// <summary>A chunk waiting for its vector.</summary>
internal sealed record PendingChunk(long Id, string Title, string Text);

/// <summary>A chunk's new vector, with the text it was made from (a chunk whose text changed is not given it).</summary>
internal sealed record EmbeddedChunk(long Id, string Text, float[] Vector, long Stamp);

/// <summary>A chunk as search returns it, before snippets and scores.</summary>
internal sealed record ChunkRow(string DocumentId, long Id, int Ordinal, string Title, string Source, string Text);
