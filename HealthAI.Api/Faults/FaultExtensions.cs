using HealthAI.Api.KnowledgeBase;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>Registers test-only fault injection: its options, the replica-wide switch, its readiness check and the crash after a write.</summary>
internal static class FaultExtensions
{
    public static WebApplicationBuilder AddFaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaultInjectionOptions>()
            .Bind(builder.Configuration.GetSection(FaultInjectionOptions.SectionName))
            .Validate(faults => faults.MaxDelay > TimeSpan.Zero && faults.MaxDelay <= TimeSpan.FromMinutes(5),
                $"{FaultInjectionOptions.SectionName}:{nameof(FaultInjectionOptions.MaxDelay)} must be above 00:00:00 and at most 00:05:00.")
            .ValidateOnStart();

        // Always registered (readiness reads it), but only /faults can change it, and that is mapped only when enabled.
        builder.Services.AddSingleton<ReplicaFaults>();
        builder.Services.AddOptions<DocumentWriteFilters>()
            .Configure<IOptions<FaultInjectionOptions>>((filters, faults) =>
            {
                if (faults.Value.Enabled)
                {
                    filters.Types.Add(typeof(CrashAfterWriteFilter));
                }
            });

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

    /// <summary>Delays requests as they ask, when faults are enabled; without them the pipeline has no fault step at all.</summary>
    public static WebApplication UseFaults(this WebApplication app)
    {
        // Read from the built host: in-process test hosts add their settings after Program's builder code ran.
        if (app.Services.GetRequiredService<IOptions<FaultInjectionOptions>>().Value.Enabled)
        {
            app.UseMiddleware<FaultInjectionMiddleware>();
        }

        return app;
    }
}
