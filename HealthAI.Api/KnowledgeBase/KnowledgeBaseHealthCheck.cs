using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Readiness: the knowledge base opens and answers; its size for operators.</summary>
internal sealed class KnowledgeBaseHealthCheck(DocumentRepository repository) : IHealthCheck
{
    public const string Name = "knowledge-base";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stats = await repository.StatsAsync(cancellationToken);
            return HealthCheckResult.Healthy("The knowledge base answers.", new Dictionary<string, object>
            {
                ["documents"] = stats.Documents,
                ["chunks"] = stats.Chunks,
                ["databaseBytes"] = stats.DatabaseBytes,
                ["generation"] = stats.Generation,
                ["schemaVersion"] = stats.SchemaVersion,
            });
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The knowledge base cannot be opened: {error.Message}", error);
        }
    }
}
