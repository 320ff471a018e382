using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Retries a unit of work that lost the race for the write lock to another replica. The busy timeout
/// already waits inside SQLite; this covers the cases it cannot (a lock upgrade, a checkpoint, a
/// timeout under a burst), with jitter so that the losers do not collide again in step.
/// </summary>
internal static class SqliteRetry
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static ResiliencePipeline Create() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsContention),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(25),
            MaxDelay = TimeSpan.FromSeconds(1),
        })
        .Build();

    public static bool IsContention(SqliteException error) => error.SqliteErrorCode is Busy or Locked;
}
