using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Registers the knowledge base: options, storage, health checks and the document endpoints.</summary>
internal static class KnowledgeBaseExtensions
{
    public static WebApplicationBuilder AddKnowledgeBase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeBaseOptions>()
            .Bind(builder.Configuration.GetSection(KnowledgeBaseOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KnowledgeBaseOptions>, KnowledgeBaseOptionsSetup>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeBaseOptions>, KnowledgeBaseOptionsValidator>());

        builder.Services.AddSingleton<DatabaseLocator>();
        builder.Services.AddSingleton<SqliteStore>();
        builder.Services.AddSingleton<PostgreSqlStore>();
        // One engine per process, chosen by the bound and validated KnowledgeBase:Engine; the other is never created.
        builder.Services.AddSingleton<IKnowledgeBaseStore>(services =>
            services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.Engine == KnowledgeBaseEngine.PostgreSql
                ? services.GetRequiredService<PostgreSqlStore>()
                : services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<DocumentRepository>();
        builder.Services.AddSingleton<Idempotency.IdempotentWrites>();
        builder.Services.AddSingleton<DocumentCommands>();
        builder.Services.AddOptions<DocumentWriteFilters>();
        builder.Services.AddSingleton<KnowledgeBaseMetrics>();
        builder.Services.AddSingleton<KnowledgeBaseChanges>();
        builder.Services.AddSingleton<VolumeMetrics>();
        builder.Services.AddHostedService<KnowledgeBaseInitializer>();
        // One instance: it remembers when the knowledge base last answered.
        builder.Services.AddSingleton<KnowledgeBaseHealthCheck>();

        builder.Services.AddHealthChecks()
            .AddCheck<KnowledgeBaseHealthCheck>(KnowledgeBaseHealthCheck.Name, tags: [HealthCheckTags.Ready])
            .AddCheck<DataVolumeHealthCheck>(DataVolumeHealthCheck.Name, tags: [HealthCheckTags.Ready]);
        return builder;
    }

    public static WebApplication MapKnowledgeBase(this WebApplication app)
    {
        // Observable gauges exist once their meter does: create it now, not on the first scrape.
        _ = app.Services.GetRequiredService<VolumeMetrics>();
        app.MapDocumentEndpoints();
        return app;
    }
}
