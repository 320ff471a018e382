namespace HealthAI.ServiceDefaults;

/// <summary>Marks an endpoint that only clients in <see cref="NetworkAccessOptions.AllowedNetworks"/> may use.</summary>
public sealed class AllowedNetworkMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static AllowedNetworkMetadata Instance { get; } = new();

    private AllowedNetworkMetadata()
    {
    }
}
