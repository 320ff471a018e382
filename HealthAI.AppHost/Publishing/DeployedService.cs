namespace HealthAI.AppHost.Publishing;

/// <summary>A resource reached by name and port inside a deployment.</summary>
public sealed record DeployedService(string Name, int Port)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}:{Port}");
}
