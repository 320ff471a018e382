using Npgsql;
using Polly;
using Polly.Hedging;
using Polly.Retry;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// What a switch of primary looks like from a replica, and what it does about it. While the monitor (or
/// the operator) promotes a standby, connections to the old primary break (I/O errors, <c>57P01</c>
/// admin/crash shutdown, <c>08xxx</c> connection failures) and a demoted node refuses writes (<c>25006</c>
/// read-only transaction). Npgsql itself marks a host whose connection broke as offline and empties that host's
/// pool; the store only makes it forget what it knew of every host when that knowledge is what fails (a demoted
/// primary, or every host marked offline), so no restart is needed. The pools are never emptied wholesale: that
/// sent every replica's next reads to open fresh connections to the one live node at once, and on a busy machine
/// some of them passed the connect timeout, which made Npgsql mark that node offline too. Reads are
/// retried for <see cref="ReadBudget"/> (they may be served by a standby meanwhile), then answered 503; writes are not
/// retried here, they are answered 503 + Retry-After, since a write whose commit was cut off may or may
/// not have landed (an <c>Idempotency-Key</c> lets the client or the edge repeat it safely).
/// </summary>
internal static class PostgreSqlFailover
{
    /// <summary>
    /// How long a read keeps trying across a switch before it is answered 503: enough to drop a broken pooled
    /// connection and reach the standby or the new primary (a dead host costs one connect timeout), and under
    /// the edges' read timeouts of the routes that read at length (documents, ask: 8 s), so that a server that
    /// is down for good is an honest 503 within seconds rather than an edge's timeout.
    /// </summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="error"/> is what a lost or demoted primary causes.</summary>
    public static bool IsSwitch(Exception error) => error switch
    {
        PostgresException server => server.SqlState is PostgresErrorCodes.ReadOnlySqlTransaction
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || server.SqlState.StartsWith("08", StringComparison.Ordinal),
        // Not an answer of the server: the connection broke, was refused, or no host fits (none is primary yet).
        NpgsqlException => true,
        KnowledgeBaseUnavailableException { InnerException: { } inner } => IsSwitch(inner),
        _ => false,
    };

    /// <summary>
    /// True when Npgsql tried no host at all because it holds every one as offline (for <c>Host Recheck Seconds</c>
    /// after a failure): it then throws an <see cref="NpgsqlException"/> of its own with no inner exception, where a
    /// host it did try leaves the cause inside. Retrying before those marks expire would fail the same way.
    /// </summary>
    public static bool FoundNoHostToTry(Exception error) => error switch
    {
        PostgresException => false,
        NpgsqlException { InnerException: null } => true,
        KnowledgeBaseUnavailableException { InnerException: { } inner } => FoundNoHostToTry(inner),
        _ => false,
    };

    /// <summary>
    /// The causes inside <paramref name="error"/>, down to the innermost: Npgsql puts what each host answered
    /// inside "Unable to connect to a suitable host", and that is what tells a refused node from a busy one.
    /// </summary>
    public static string Describe(Exception error) => error switch
    {
        AggregateException many => string.Join("; ", many.InnerExceptions.Select(Describe)),
        { InnerException: { } inner } => $"{error.Message} <- {Describe(inner)}",
        _ => error.Message,
    };

    /// <summary>True when the server that took a write is no longer the primary (demoted, or a standby all along).</summary>
    public static bool IsDemoted(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction };

    /// <summary>
    /// How long a read waits on its server before the same read also goes to a standby. A primary that vanished
    /// (killed, its host gone) drops packets rather than refusing them, so a read on a pooled connection to it
    /// would wait until TCP gives up; the edges give a search 2.5 s. Reads take a few milliseconds, so a
    /// healthy but busy server rarely costs a second copy, and a hedge that Npgsql can only give the first attempt's
    /// own server (no other is live) waits for that attempt instead of repeating it there (<see cref="ReadAttempts"/>).
    /// </summary>
    public static readonly TimeSpan HedgeDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Set on the hedged attempt of a read: it goes to a standby (or to the primary when there is none).</summary>
    public static readonly ResiliencePropertyKey<bool> OnStandby = new("HealthAI.ReadOnStandby");

    /// <summary>
    /// Retries reads across a switch for at most <see cref="ReadBudget"/>; with <paramref name="hedge"/> (several
    /// hosts), a read that has not answered after <see cref="HedgeDelay"/> is also sent to a standby and the first answer wins. <paramref name="retrying"/> and <paramref name="hedging"/>
    /// hear of each retry (with its cause) and each hedge, which is what explains a slow read afterwards.
    /// </summary>
    public static ResiliencePipeline<object?> ReadRetry(bool hedge, Action<Exception?> retrying, Action hedging)
    {
        var builder = new ResiliencePipelineBuilder<object?>()
            // Outermost: the budget bounds every attempt together, not each one.
            .AddTimeout(ReadBudget)
            .AddRetry(new RetryStrategyOptions<object?>
            {
                ShouldHandle = new PredicateBuilder<object?>().Handle<Exception>(IsSwitch),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(1),
                OnRetry = arguments =>
                {
                    retrying(arguments.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            });
        if (hedge)
        {
            builder.AddHedging(new HedgingStrategyOptions<object?>
            {
                MaxHedgedAttempts = 1,
                Delay = HedgeDelay,
                ShouldHandle = new PredicateBuilder<object?>().Handle<Exception>(IsSwitch),
                OnHedging = _ =>
                {
                    hedging();
                    return ValueTask.CompletedTask;
                },
                ActionGenerator = arguments =>
                {
                    arguments.ActionContext.Properties.Set(OnStandby, true);
                    return () => arguments.Callback(arguments.ActionContext);
                },
            });
        }

        return builder.Build();
    }
}
