using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Semantic;

/// <summary>
/// Off the request path: loads this replica's vector index from the store at start (in bulk, beside the model
/// load), then embeds chunks that have no vector of the current model and keeps the index in step with the
/// store: its own vectors at once, other replicas' vectors, deletes and restores within a poll interval. The
/// backlog is one for all replicas: each round, the worker claims a batch for every background thread that no
/// other replica holds, and the threads embed them at low priority. An ingest or delete on this replica wakes it; a poll catches up with everything else.
/// </summary>
internal sealed partial class EmbeddingWorker(
    TextEmbedder embedder,
    ChunkVectors vectors,
    VectorIndex index,
    SemanticMetrics metrics,
    TimeProvider clock,
    IOptions<EmbeddingOptions> options,
    ILogger<EmbeddingWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly EmbeddingOptions _options = options.Value;

    /// <summary>Asks the worker to look at the store now (after an ingest, a delete or a re-embed).</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one look covers every change so far.
        }
    }

    /// <summary>
    /// Loads the index and the model (in parallel) before the replica takes requests. Loading the model is the
    /// replica's heaviest CPU burst: taken after readiness, on a loaded machine it slowed the edges' first probes
    /// enough to take freshly started replicas out of rotation again. A model that cannot load does not hold start-up.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        embedder.StartLoading();
        if (_options.IsEnabled)
        {
            try
            {
                await SyncIndexAsync(cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The knowledge base is not reachable yet: readiness says so, and the worker's loop tries again.
                LogFailed(error);
            }

            await embedder.WhenLoadedAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.IsEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncIndexAsync(stoppingToken);
                if (embedder.State == EmbeddingModelState.Unavailable)
                {
                    return;
                }

                if (embedder.IsReady && await EmbedRoundAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(error);
            }

            try
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A full load on start and after a restore (a new generation); otherwise only the differences.</summary>
    private async Task SyncIndexAsync(CancellationToken cancellationToken)
    {
        var (generation, chunks, stamps) = await vectors.StampsAsync(embedder.ModelId, cancellationToken);
        metrics.Pending(chunks - stamps.Count);
        if (!index.IsLoaded || generation != index.Generation)
        {
            var clock = Stopwatch.StartNew();
            var loaded = await vectors.LoadAllAsync(embedder.ModelId, index, _options.Dimensions, cancellationToken);
            index.MarkLoaded();
            LogIndexLoaded(loaded, generation, clock.ElapsedMilliseconds);
            return;
        }

        var (stale, gone) = index.Compare(stamps);
        foreach (var id in gone)
        {
            index.Remove(id);
        }

        if (stale.Count > 0)
        {
            await vectors.LoadAsync(embedder.ModelId, stale, index, _options.Dimensions, cancellationToken);
        }
    }

    /// <summary>
    /// One claim on the shared backlog for every background thread's batch (one read and one short write a round),
    /// then the batches embedded at once; the index catches up with other replicas between rounds.
    /// </summary>
    private async Task<int> EmbedRoundAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await vectors.ClaimPendingAsync(
            embedder.ModelId, _options.BatchSize * _options.BackgroundThreads, now, now + _options.ClaimHold, cancellationToken);
        await Task.WhenAll(claimed.Chunk(_options.BatchSize).Select(batch => EmbedBatchAsync(batch, cancellationToken)));
        return claimed.Count;
    }

    private async Task EmbedBatchAsync(IReadOnlyList<PendingChunk> pending, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var embedded = await embedder.EmbedBacklogAsync([.. pending.Select(chunk => PassageText(chunk.Title, chunk.Text))], cancellationToken);
        var stamp = Random.Shared.NextInt64(1, long.MaxValue);
        var saved = await vectors.SaveAsync(embedder.ModelId,
            [.. pending.Select((chunk, i) => new EmbeddedChunk(chunk.Id, chunk.Text, embedded[i], stamp))], cancellationToken);
        foreach (var chunk in saved)
        {
            index.Upsert(chunk.Id, chunk.Stamp, chunk.Vector);
        }

        metrics.Embedded(saved.Count, elapsed.Elapsed);
    }

    /// <summary>What is embedded for a chunk: its document's title gives a short chunk its topic.</summary>
    public static string PassageText(string title, string text) => $"{title}\n{text}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector index loaded: {Vectors} vectors of generation {Generation} in {Milliseconds} ms")]
    private partial void LogIndexLoaded(int vectors, long generation, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding worker failed; it tries again at its next poll")]
    private partial void LogFailed(Exception error);
}
