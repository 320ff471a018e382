using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Opens and migrates the knowledge base while the replica starts, so the first request does not pay
/// for it. A failure does not stop the process: readiness reports it and the next use tries again.
/// </summary>
internal sealed partial class KnowledgeBaseInitializer(IKnowledgeBaseStore connections, ILogger<KnowledgeBaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await connections.EnsureReadyAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogNotReady(error, connections.Location);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The knowledge base at {Location} could not be opened; the replica stays not-ready until it can")]
    private partial void LogNotReady(Exception error, string location);
}
