using HealthAI.AppHost;
using HealthAI.Hosting;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Reads and checks the topology's settings, once, before the model is built.</summary>
public static class HealthAISettingsExtensions
{
    /// <summary>
    /// Binds the <see cref="HealthAISettings"/> of this builder's configuration and checks them, listing every problem
    /// with the key to fix. Program.cs calls it once and passes the instance to each resource it adds.
    /// </summary>
    public static HealthAISettings BindHealthAISettings(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(HealthAISettings.SectionName).Get<HealthAISettings>() ?? new HealthAISettings();
        var errors = HealthAISettingsValidator.Validate(settings, builder.ExecutionContext.IsPublishMode);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid HealthAI settings:" + string.Concat(errors.Select(e => "\n - " + e)));
        }

        // Every tool of the run takes the same form, so the choice is made here, once.
        ToolPlacement.Decide(builder, settings.Runtime);
        return settings;
    }
}
