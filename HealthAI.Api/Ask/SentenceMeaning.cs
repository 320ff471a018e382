using HealthAI.Api.Search;
using HealthAI.Api.Semantic;

namespace HealthAI.Api.Ask;

/// <summary>
/// How close in meaning each candidate sentence of the retrieved chunks is to the question, for the extractive
/// answerer. Question and sentence are both short statements, so they are compared symmetrically (no query prefix),
/// and each sentence carries its document's title, which a lone sentence often leaves implicit ("it", "others").
/// </summary>
internal sealed partial class SentenceMeaning(TextEmbedder embedder, ILogger<SentenceMeaning> logger)
{
    /// <summary>Similarity by sentence; null when the model is not loaded or fails (the answer is then by word overlap).</summary>
    public async Task<IReadOnlyDictionary<string, double>?> ScoreAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (!embedder.IsReady || hits.Count == 0)
        {
            return null;
        }

        var sentences = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            foreach (var sentence in ExtractiveAnswerer.Sentences(hit.Text))
            {
                sentences.TryAdd(sentence, $"{hit.Title}: {sentence}");
            }
        }

        try
        {
            var texts = sentences.Values.Prepend(question).ToList();
            var vectors = await embedder.EmbedPassagesAsync(texts, cancellationToken);
            var scores = new Dictionary<string, double>(sentences.Count, StringComparer.Ordinal);
            var i = 1;
            foreach (var sentence in sentences.Keys)
            {
                scores[sentence] = System.Numerics.Tensors.TensorPrimitives.Dot(vectors[0], vectors[i++]);
            }

            return scores;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(error);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentences could not be embedded; the answer is chosen by word overlap")]
    private partial void LogFailed(Exception error);
}
