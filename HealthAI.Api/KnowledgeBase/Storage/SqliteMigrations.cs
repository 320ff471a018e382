namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// The schema, as numbered steps. A step is never edited once released: changes are new steps.
/// <c>PRAGMA user_version</c> records the last step applied. (PostgreSQL has its own steps: <see cref="PostgreSqlMigrations"/>.)
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                tags TEXT NOT NULL,
                format TEXT NOT NULL,
                text TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                chunk_count INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE INDEX documents_by_creation ON documents (created_at DESC, id);
            CREATE TABLE chunks (
                id INTEGER PRIMARY KEY,
                document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                UNIQUE (document_id, ordinal)
            );
            CREATE VIRTUAL TABLE chunks_fts USING fts5 (
                title, text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER chunks_indexed AFTER INSERT ON chunks BEGIN
                INSERT INTO chunks_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
            END;
            CREATE TRIGGER chunks_unindexed AFTER DELETE ON chunks BEGIN
                INSERT INTO chunks_fts (chunks_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            END;
            """),
        (2, """
            -- Replicas keep writing to a generation until they see it retired (see the API README on restore).
            CREATE TABLE kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """),
        (3, """
            -- Each Idempotency-Key with the outcome of its first write, kept in the same file (and the same
            -- transaction) as the write, so every replica answers a replay alike (see the API README).
            CREATE TABLE idempotency_keys (
                key TEXT PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                status INTEGER NOT NULL,
                content_type TEXT,
                location TEXT,
                body BLOB,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
            """),
        (4, """
            -- Each chunk's embedding (little-endian float32, L2-normalised) and the model that made it, written by
            -- the embedding worker after ingest; the stamp changes with every write so replicas see a changed vector.
            ALTER TABLE chunks ADD COLUMN embedding BLOB;
            ALTER TABLE chunks ADD COLUMN embedding_model TEXT;
            ALTER TABLE chunks ADD COLUMN embedding_stamp INTEGER;
            CREATE INDEX chunks_by_embedding ON chunks (embedding_model, id, embedding_stamp);
            """),
        (5, """
            -- Until when (Unix milliseconds) a replica's embedding worker holds a chunk it took from the backlog,
            -- so that the replicas share one backlog and embed no chunk twice.
            ALTER TABLE chunks ADD COLUMN embedding_claim INTEGER;
            """),
    ];
}
