using HealthAI.AppHost;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Reads and checks the topology's settings once, when the model is built.</summary>
public static class HealthAISettingsExtensions
{
    private static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(5);

    /// <summary>The validated <see cref="HealthAISettings"/> of this builder's configuration.</summary>
    public static HealthAISettings GetHealthAISettings(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(HealthAISettings.SectionName).Get<HealthAISettings>() ?? new HealthAISettings();
        Validate(settings);
        return settings;
    }

    private static void Validate(HealthAISettings settings)
    {
        var drain = settings.Replicas.DrainPeriod;
        if (drain < TimeSpan.Zero || drain > MaxDrain)
        {
            throw new InvalidOperationException(
                $"{HealthAISettings.SectionName}:{nameof(HealthAISettings.Replicas)}:{nameof(ReplicaSettings.DrainPeriod)} must be between 00:00:00 and {MaxDrain}; got {drain}.");
        }
    }
}
