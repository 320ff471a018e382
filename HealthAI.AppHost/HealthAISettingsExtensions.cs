using System.Runtime.CompilerServices;
using HealthAI.AppHost;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Reads and checks the topology's settings once, when the model is built.</summary>
public static class HealthAISettingsExtensions
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, HealthAISettings> Bound = [];

    /// <summary>
    /// The validated <see cref="HealthAISettings"/> of this builder's configuration: bound and checked on the
    /// first call, the same instance afterwards, so every resource of the model sees the same values.
    /// </summary>
    public static HealthAISettings GetHealthAISettings(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Bound.GetValue(builder, Bind);
    }

    private static HealthAISettings Bind(IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(HealthAISettings.SectionName).Get<HealthAISettings>() ?? new HealthAISettings();
        var errors = HealthAISettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid HealthAI settings:" + string.Concat(errors.Select(e => "\n - " + e)));
        }

        return settings;
    }
}
