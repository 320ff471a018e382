using HealthAI.Api.Semantic;

namespace HealthAI.Api.Search;

/// <summary>
/// One hybrid search before the replica listens. A replica's first search runs its code for the first time
/// (the JIT, the engine's statements prepared, ONNX Runtime's first run of the model, several times slower than
/// the next, and the fusion); when every replica restarts at once on a busy
/// machine, those first searches took longer than the edges' 2.5 s and took the first replica that came back
/// out of rotation again. A failure (the knowledge base not reachable yet) is not one: readiness says so.
/// </summary>
internal sealed partial class SearchWarmUp(HybridSearch search, TextEmbedder embedder, ILogger<SearchWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await embedder.WhenLoadedAsync(timeout.Token);
            await search.SearchAsync("how is the flu spread", 5, SearchMode.Hybrid, timeout.Token);
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
