using System.Data.Common;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// The one contract both engines keep: connections to a migrated knowledge base, reads, and writes in a
/// transaction that commits only if it is safe to acknowledge. Repositories, search, idempotency and
/// backups use this and the engine's <see cref="SqlDialect"/>, never an engine's types.
/// </summary>
internal interface IKnowledgeBaseStore
{
    KnowledgeBaseEngine Engine { get; }

    SqlDialect Dialect { get; }

    /// <summary>Where the knowledge base is, for logs and errors (a folder, or a server and database; never a password).</summary>
    string Location { get; }

    /// <summary>Makes sure the knowledge base can be reached and has the latest schema.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs a write in one transaction; the engine retries it when it lost a race to another writer.</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a write of data the replicas compute again when it is lost (vectors, claims on the embedding backlog): it
    /// need not survive a power cut, so an engine may commit it without waiting for the disk and hold its write lock
    /// for less time.
    /// </summary>
    Task<T> WriteDerivedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    /// <summary>How many restores the knowledge base has been through, plus one (SQLite: the file generation).</summary>
    Task<long> GenerationAsync(DbConnection connection, CancellationToken cancellationToken);
}
