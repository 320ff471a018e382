using HealthAI.Api.Backups.Engines;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>Registers backups: options, the writer, verifier and restorer, the schedule, metrics, health and <c>/backup</c>.</summary>
internal static class BackupExtensions
{
    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>()
            .Bind(builder.Configuration.GetSection(BackupOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BackupOptions>, BackupOptionsSetup>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>());

        builder.Services.AddSingleton<SqliteBackupEngine>();
        builder.Services.AddSingleton<PostgreSqlTools>();
        builder.Services.AddSingleton<PostgreSqlBackupEngine>();
        builder.Services.AddSingleton<IBackupEngine>(services =>
            services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.Engine == KnowledgeBaseEngine.PostgreSql
                ? services.GetRequiredService<PostgreSqlBackupEngine>()
                : services.GetRequiredService<SqliteBackupEngine>());
        builder.Services.AddSingleton<BackupCatalog>();
        builder.Services.AddSingleton<BackupMetrics>();
        builder.Services.AddSingleton<ManifestSeal>();
        builder.Services.AddSingleton<BackupWriter>();
        builder.Services.AddSingleton<BackupVerifier>();
        builder.Services.AddSingleton<BackupRestorer>();
        builder.Services.AddSingleton<ScheduledBackups>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledBackups>());
        builder.Services.AddHealthChecks().AddCheck<BackupsHealthCheck>(BackupsHealthCheck.Name);
        return builder;
    }

    public static WebApplication MapBackups(this WebApplication app)
    {
        // Created with the app, not on first scrape, so the backup series exist from the start.
        _ = app.Services.GetRequiredService<BackupMetrics>();
        app.MapBackupEndpoints();
        return app;
    }
}
