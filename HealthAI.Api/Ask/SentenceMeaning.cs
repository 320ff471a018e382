using HealthAI.Api.Search;
using HealthAI.Api.Semantic;
using Microsoft.Extensions.Caching.Memory;

namespace HealthAI.Api.Ask;

/// <summary>
/// How close in meaning each candidate sentence of the retrieved chunks is to the question, for the extractive
/// answerer. Question and sentence are both short statements, so they are compared symmetrically (no query prefix),
/// and each sentence carries its document's title, which a lone sentence often leaves implicit ("it", "others").
/// Sentence vectors are cached: the same articles answer most questions. Only the first <see cref="MaxCandidates"/>
/// sentences of the best-ranked chunks are compared (not those sharing the question's words: the answer often
/// shares none): on a corpus larger than the cache nearly every ask met sentences never embedded, and embedding
/// all of them (40 and more for five chunks) was most of an answer's time, seconds on busy cores.
/// </summary>
internal sealed partial class SentenceMeaning(TextEmbedder embedder, ILogger<SentenceMeaning> logger) : IDisposable
{
    // About 1.5 KiB per 384-dimension vector: at most about 30 MiB.
    private const int CachedSentences = 20_000;

    /// <summary>How many sentences are compared in meaning with the question at most.</summary>
    public const int MaxCandidates = 16;

    private readonly MemoryCache _vectors = new(new MemoryCacheOptions { SizeLimit = CachedSentences });

    public void Dispose() => _vectors.Dispose();

    /// <summary>Similarity by sentence; null when the model is not loaded or fails (the answer is then by word overlap).</summary>
    public async Task<IReadOnlyDictionary<string, double>?> ScoreAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (!embedder.IsReady || hits.Count == 0)
        {
            return null;
        }

        var sentences = hits
            .SelectMany(hit => ExtractiveAnswerer.Sentences(hit.Text).Select(sentence => (hit.Title, Sentence: sentence)))
            .DistinctBy(candidate => candidate.Sentence, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .ToDictionary(candidate => candidate.Sentence, candidate => $"{candidate.Title}: {candidate.Sentence}", StringComparer.Ordinal);

        try
        {
            // The question is embedded like a sentence (no prefix), so it shares their cache: asks repeat.
            var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var text in sentences.Values.Prepend(question).Distinct(StringComparer.Ordinal))
            {
                if (_vectors.TryGetValue(CacheKey(text), out float[]? vector) && vector is not null)
                {
                    vectors[text] = vector;
                }
                else
                {
                    missing.Add(text);
                }
            }

            var embedded = await embedder.EmbedPassagesAsync(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                vectors[missing[i]] = embedded[i];
                _vectors.Set(CacheKey(missing[i]), embedded[i], new MemoryCacheEntryOptions { Size = 1 });
            }

            var asked = vectors[question];
            var scores = new Dictionary<string, double>(sentences.Count, StringComparer.Ordinal);
            foreach (var (sentence, text) in sentences)
            {
                scores[sentence] = System.Numerics.Tensors.TensorPrimitives.Dot(asked, vectors[text]);
            }

            return scores;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(error);
            return null;
        }
    }

    // Keyed by model too, so that a model change never compares vectors of two models.
    private (string Model, string Text) CacheKey(string text) => (embedder.ModelId, text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentences could not be embedded; the answer is chosen by word overlap")]
    private partial void LogFailed(Exception error);
}
