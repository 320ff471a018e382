using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Readiness: the data volume takes writes. Degraded when it is nearly full.</summary>
internal sealed class DataVolumeHealthCheck(IOptions<KnowledgeBaseOptions> options, IOptions<ReplicaOptions> replica) : IHealthCheck
{
    public const string Name = "data-volume";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Engine == KnowledgeBaseEngine.PostgreSql)
        {
            return Task.FromResult(HealthCheckResult.Healthy("PostgreSQL holds the knowledge base; this replica uses no data volume."));
        }

        var directory = options.Value.DataDirectory;
        var data = new Dictionary<string, object> { ["directory"] = directory };
        if (VolumeProbe.WriteError(directory, replica.Value.Name) is { } error)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The data volume is not writable: {error}", data: data));
        }

        var free = VolumeProbe.FreeBytes(directory);
        data["freeBytes"] = free ?? -1;
        data["minFreeBytes"] = options.Value.MinFreeBytes;
        return Task.FromResult(free < options.Value.MinFreeBytes
            ? HealthCheckResult.Degraded($"The data volume has {free} bytes free, under {KnowledgeBaseOptions.SectionName}:{nameof(KnowledgeBaseOptions.MinFreeBytes)}.", data: data)
            : HealthCheckResult.Healthy("The data volume is writable.", data));
    }
}
