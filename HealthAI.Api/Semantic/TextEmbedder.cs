using System.Diagnostics;
using HealthAI.Api.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Semantic;

/// <summary>
/// The replica's one embedding generator, loaded on a pool thread at start (the shipped model takes about a
/// second) while the vectors load; the embedding worker's start waits for both, so a replica listens once they
/// are in. When it cannot be loaded, search and answers are lexical: <see cref="State"/> says which, and health
/// reports it.
/// Query vectors are cached: the same questions come again and again (the question page's examples, an FAQ,
/// retries), and embedding one costs about 10 ms of CPU, the largest part of a search.
/// </summary>
internal sealed partial class TextEmbedder : IDisposable
{
    private readonly EmbeddingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<TextEmbedder> _logger;
    private readonly TaskCompletionSource<bool> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemanticMetrics _metrics;
    private readonly Lazy<LowPriorityThreads> _background;

    // About 1.5 KiB per 384-dimension vector: at most about 15 MiB. One model per process, so text is the key.
    private readonly MemoryCache _queries = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private int _loading;

    public TextEmbedder(IOptions<EmbeddingOptions> options, TimeProvider clock, SemanticMetrics metrics, ILogger<TextEmbedder> logger)
    {
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        _background = new(() => new LowPriorityThreads(_options.BackgroundThreads, "embedding backlog"));
        if (!_options.IsEnabled)
        {
            State = EmbeddingModelState.Off;
            _loaded.TrySetResult(false);
        }
    }

    public EmbeddingModelState State { get; private set; } = EmbeddingModelState.Loading;

    /// <summary>Why the model is unavailable, when it is.</summary>
    public string? Failure { get; private set; }

    public bool IsReady => State == EmbeddingModelState.Ready;

    public string ModelId => _options.ModelId;

    /// <summary>Starts loading the model on a pool thread; the first call does it, later calls return at once.</summary>
    public void StartLoading()
    {
        if (!_options.IsEnabled || Interlocked.Exchange(ref _loading, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                _generator = EmbeddingGenerators.Create(_options, _clock);
                State = EmbeddingModelState.Ready;
                LogLoaded(_options.ModelId, clock.ElapsedMilliseconds);
                _loaded.TrySetResult(true);
            }
            catch (Exception error)
            {
                Failure = $"{error.GetType().Name}: {error.Message}";
                State = EmbeddingModelState.Unavailable;
                LogUnavailable(error, _options.ModelId);
                _loaded.TrySetResult(false);
            }
        });
    }

    /// <summary>True once the model is loaded; false when embeddings are off or the model cannot be loaded.</summary>
    public Task<bool> WhenLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>A question's vector, with the model's query prefix; null when the model is not there or failed this time (search goes lexical).</summary>
    public async Task<float[]?> EmbedQueryAsync(string question, CancellationToken cancellationToken)
    {
        if (_generator is not { } generator)
        {
            return null;
        }

        var text = _options.EffectiveQueryPrefix + question;
        if (_queries.TryGetValue(text, out float[]? cached) && cached is not null)
        {
            return cached;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var vector = (await EmbedAsync(generator, [text], cancellationToken))[0];
            _metrics.QueryEmbedded(clock.Elapsed);
            _queries.Set(text, vector, new MemoryCacheEntryOptions { Size = 1 });
            return vector;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogQueryFailed(error, ModelPipeline.Describe(error, _options));
            return null;
        }
    }

    /// <summary>The vectors of passages (chunks or sentences), in order, without a prefix. Throws when the model fails.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedPassagesAsync(IReadOnlyList<string> passages, CancellationToken cancellationToken)
    {
        if (_generator is not { } generator)
        {
            throw new InvalidOperationException($"The embedding model is {State}.");
        }

        return passages.Count == 0 ? [] : await EmbedAsync(generator, passages, cancellationToken);
    }

    /// <summary>
    /// The vectors of a backlog's passages, like <see cref="EmbedPassagesAsync"/> but computed on the low-priority
    /// threads, so that requests come first. Throws when the model fails.
    /// </summary>
    public Task<IReadOnlyList<float[]>> EmbedBacklogAsync(IReadOnlyList<string> passages, CancellationToken cancellationToken) =>
        _background.Value.RunAsync(() => EmbedPassagesAsync(passages, cancellationToken), cancellationToken);

    /// <summary>Whether the backlog's threads run at low priority (null until the first backlog).</summary>
    public bool? BacklogAtLowPriority => _background.IsValueCreated ? _background.Value.IsLowPriority : null;

    public void Dispose()
    {
        if (_background.IsValueCreated)
        {
            _background.Value.Dispose();
        }

        _queries.Dispose();
        _generator?.Dispose();
    }

    private static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {texts.Count} texts.");
        }

        return [.. embeddings.Select(embedding => VectorMath.Normalized(embedding.Vector.Span))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {Model} loaded in {Milliseconds} ms")]
    private partial void LogLoaded(string model, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding model {Model} could not be loaded; search and answers stay lexical on this replica")]
    private partial void LogUnavailable(Exception error, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A query could not be embedded ({Reason}); this search is lexical")]
    private partial void LogQueryFailed(Exception error, string reason);
}

/// <summary>Where the replica's embedding model is.</summary>
internal enum EmbeddingModelState
{
    /// <summary>Embeddings are turned off by configuration.</summary>
    Off,

    /// <summary>The model is being loaded; search is lexical meanwhile.</summary>
    Loading,

    /// <summary>The model embeds.</summary>
    Ready,

    /// <summary>The model could not be loaded; search stays lexical.</summary>
    Unavailable,
}
