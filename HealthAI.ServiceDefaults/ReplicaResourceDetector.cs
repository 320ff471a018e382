using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;

namespace HealthAI.ServiceDefaults;

/// <summary>Adds the replica's name to the telemetry resource, read from the validated options.</summary>
internal sealed class ReplicaResourceDetector(IServiceProvider services) : IResourceDetector
{
    public Resource Detect()
    {
        var replica = services.GetRequiredService<IOptions<ReplicaOptions>>().Value;
        return new Resource([
            new(OpenTelemetryExtensions.ReplicaAttribute, replica.Name),
            new("service.version", ReplicaVersion.Current),
        ]);
    }
}
