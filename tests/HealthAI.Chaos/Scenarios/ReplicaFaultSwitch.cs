using System.Net.Http.Json;
using HealthAI.Testing;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Drives a replica's test-only <c>/faults</c> switch, straight at the replica's own http endpoint: the
/// drill must reach the replica it means, whatever the edges think of it.
/// </summary>
internal static class ReplicaFaultSwitch
{
    private const string Path = "/faults";

    public static async Task SetAsync(HealthAISystem system, string replica, int latencyMs, bool readinessFails, CancellationToken cancellationToken)
    {
        using var client = Client();
        using var response = await client.PutAsJsonAsync(new Uri(system.Endpoint(replica, "http"), Path), new { latencyMs, readinessFails }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Clears the faults; not cancellable, so that a drill interrupted half-way never leaves a replica slow or unready.</summary>
    public static async Task ClearAsync(HealthAISystem system, string replica)
    {
        using var client = Client();
        using var response = await client.DeleteAsync(new Uri(system.Endpoint(replica, "http"), Path), CancellationToken.None);
        response.EnsureSuccessStatusCode();
    }

    private static HttpClient Client() => new() { Timeout = TimeSpan.FromSeconds(10) };
}
