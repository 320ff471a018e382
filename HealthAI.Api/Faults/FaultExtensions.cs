using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>Registers test-only fault injection: its options, the replica-wide switch and its readiness check.</summary>
internal static class FaultExtensions
{
    public static WebApplicationBuilder AddFaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaultInjectionOptions>()
            .Bind(builder.Configuration.GetSection(FaultInjectionOptions.SectionName))
            .Validate(faults => faults.MaxDelay > TimeSpan.Zero && faults.MaxDelay <= TimeSpan.FromMinutes(5),
                $"{FaultInjectionOptions.SectionName}:{nameof(FaultInjectionOptions.MaxDelay)} must be above 00:00:00 and at most 00:05:00.")
            .ValidateOnStart();

        // Always registered (the middleware reads it), but only /faults can change it, and that is mapped only when enabled.
        builder.Services.AddSingleton<ReplicaFaults>();
        builder.Services.AddSingleton<WriteFaults>();

        // Decided when the health options are built, not now: in-process test hosts apply their settings
        // after this code ran. Without faults enabled, the check does not exist, so production health is unchanged.
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<HealthCheckServiceOptions>()
            .Configure<IOptions<FaultInjectionOptions>>((health, faults) =>
            {
                if (faults.Value.Enabled)
                {
                    health.Registrations.Add(new HealthCheckRegistration(
                        ReplicaFaultsHealthCheck.Name,
                        services => new ReplicaFaultsHealthCheck(services.GetRequiredService<ReplicaFaults>()),
                        failureStatus: null,
                        tags: [HealthCheckTags.Ready]));
                }
            });
        return builder;
    }
}
