using HealthAI.Api.Search;
using HealthAI.Api.Semantic;

namespace HealthAI.Api.Ask;

/// <summary>
/// One hybrid search, and the extractive answer to it, before the replica listens. A replica's first search and
/// answer run their code for the first time
/// (the JIT, the engine's statements prepared, ONNX Runtime's first run of the model, several times slower than
/// the next, and the fusion); when every replica restarts at once on a busy
/// machine, those first searches took longer than the edges' 2.5 s and took the first replica that came back
/// out of rotation again. A failure (the knowledge base not reachable yet) is not one: readiness says so.
/// </summary>
internal sealed partial class AnswerWarmUp(HybridSearch search, SentenceMeaning meaning, TextEmbedder embedder, ILogger<AnswerWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await embedder.WhenLoadedAsync(timeout.Token);
            const string question = "how is the flu spread";
            var (_, hits) = await search.SearchAsync(question, SearchEndpoints.DefaultK, SearchMode.Hybrid, timeout.Token);
            // An ask's own part: its sentences compared in meaning (the model's first batches of that shape) and chosen.
            ExtractiveAnswerer.Answer(question, hits, await meaning.ScoreAsync(question, hits, timeout.Token));
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogSkipped(error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The warm-up search did not run ({Reason}); the first real search pays for it")]
    private partial void LogSkipped(string reason);
}
