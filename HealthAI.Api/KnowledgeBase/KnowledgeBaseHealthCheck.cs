using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Readiness: the knowledge base opens and answers; its size for operators. On PostgreSQL the database is every
/// replica's at once, and a switch of primary makes it slow or refusing for some seconds: were readiness to fail
/// then, every replica would leave the edges' rotation together (HAProxy answered "no server available" to reads
/// the standby could serve, its 500 ms probes having timed out on every replica at once). So once PostgreSQL has
/// answered, the check waits at most <see cref="AnswerWithin"/>, and a slow answer or a switch's error within
/// <see cref="SwitchGrace"/> of the last good one is Degraded, not down: the replica stays in rotation and answers
/// what it cannot do with 503 + Retry-After itself. A server that never answered, or stays away longer, is down.
/// </summary>
internal sealed class KnowledgeBaseHealthCheck(DocumentRepository repository, IKnowledgeBaseStore store, TimeProvider clock) : IHealthCheck
{
    public const string Name = "knowledge-base";

    /// <summary>Well inside the edges' probe timeout (HAProxy's 500 ms), so that a slow database never times a probe out.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long after its last good answer a slow or switching database leaves the replica in rotation. Through a
    /// switch the reads go on (a standby serves them) and only brief stretches are slow, so this need not span a
    /// whole promotion (15 to 20 s with pg_auto_failover here); a replica that really lost the database is out
    /// after this plus one read's budget.
    /// </summary>
    public static readonly TimeSpan SwitchGrace = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private long _lastAnswer = long.MinValue;
    private Task<KnowledgeBaseStats>? _inFlight;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = CurrentRead();
            // Bounded once it has answered (the first answer, connections opened and schema checked, may take its
            // time), and never cancelled: a probe that gives up leaves the read to finish for the next probe, so that
            // probes every few hundred milliseconds cannot pile up reads on a slow database and exhaust its pool.
            var stats = store.Engine == KnowledgeBaseEngine.PostgreSql && Interlocked.Read(ref _lastAnswer) != long.MinValue
                ? await read.WaitAsync(AnswerWithin, clock, cancellationToken)
                : await read.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("The knowledge base answers.", new Dictionary<string, object>
            {
                ["documents"] = stats.Documents,
                ["chunks"] = stats.Chunks,
                ["databaseBytes"] = stats.DatabaseBytes,
                ["generation"] = stats.Generation,
                ["schemaVersion"] = stats.SchemaVersion,
            });
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && InSwitchGrace(error))
        {
            return HealthCheckResult.Degraded(
                $"The knowledge base answered {clock.GetElapsedTime(Interlocked.Read(ref _lastAnswer)).TotalSeconds:0} s ago and is slow or switching primary now ({error.Message}); requests it cannot serve get 503 + Retry-After.",
                error);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The knowledge base cannot be opened: {error.Message}", error);
        }
    }

    // One read at a time: a probe joins the one in flight, or starts the next once it has ended.
    private Task<KnowledgeBaseStats> CurrentRead()
    {
        lock (_gate)
        {
            if (_inFlight is not { IsCompleted: false })
            {
                _inFlight = ReadAsync();
            }

            return _inFlight;
        }
    }

    private async Task<KnowledgeBaseStats> ReadAsync()
    {
        var stats = await repository.StatsAsync(CancellationToken.None);
        Interlocked.Exchange(ref _lastAnswer, clock.GetTimestamp());
        return stats;
    }

    private bool InSwitchGrace(Exception error) =>
        store.Engine == KnowledgeBaseEngine.PostgreSql
        && (error is TimeoutException || PostgreSqlFailover.IsSwitch(error))
        && Interlocked.Read(ref _lastAnswer) is var last && last != long.MinValue
        && clock.GetElapsedTime(last) < SwitchGrace;
}
