using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.Retry;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Retries a unit of work that lost a race to another replica: on SQLite the write lock (the busy timeout
/// already waits inside SQLite; this covers a lock upgrade, a checkpoint, a timeout under a burst), on
/// PostgreSQL a serialization failure or deadlock the server rolled back. Jitter keeps the losers from
/// colliding again in step. A unit of work is one transaction, so a retry never repeats a committed write.
/// </summary>
internal static class StorageRetry
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static ResiliencePipeline Create() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsContention).Handle<PostgresException>(IsContention),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(25),
            MaxDelay = TimeSpan.FromSeconds(1),
        })
        .Build();

    public static bool IsContention(SqliteException error) => error.SqliteErrorCode is Busy or Locked;

    public static bool IsContention(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
