using HealthAI.Api.Access;
using HealthAI.Api.KnowledgeBase;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Semantic;

/// <summary>Registers embeddings, the vector index, the worker that keeps them, their health check and the re-embed command.</summary>
internal static class SemanticExtensions
{
    /// <summary><c>POST</c> here (an admin endpoint: admin token, allowed networks only) re-embeds every chunk.</summary>
    public const string ReembedPath = AdminRoutes.Path + ReembedRoute;

    private const string ReembedRoute = "/reembed";

    public static WebApplicationBuilder AddSemantic(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>()
            .Bind(builder.Configuration.GetSection(EmbeddingOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        builder.Services.AddSingleton<VectorIndex>();
        builder.Services.AddSingleton<SemanticMetrics>();
        builder.Services.AddSingleton<TextEmbedder>();
        builder.Services.AddSingleton<ChunkVectors>();
        builder.Services.AddSingleton<DocumentEmbeddings>();
        builder.Services.AddSingleton<IDocumentEmbeddingState>(services => services.GetRequiredService<DocumentEmbeddings>());
        builder.Services.AddSingleton<EmbeddingWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EmbeddingWorker>());
        builder.Services.AddHealthChecks().AddCheck<SemanticHealthCheck>(SemanticHealthCheck.Name, tags: [HealthCheckTags.Ready]);
        return builder;
    }

    public static WebApplication MapSemantic(this WebApplication app)
    {
        var worker = app.Services.GetRequiredService<EmbeddingWorker>();
        app.Services.GetRequiredService<KnowledgeBaseChanges>().Changed += worker.Wake;
        app.MapAdminGroup().MapPost(ReembedRoute, ReembedAsync).WithTags("Search").WithName("Reembed");
        return app;
    }

    private static async Task<IResult> ReembedAsync(ChunkVectors vectors, EmbeddingWorker worker, CancellationToken cancellationToken)
    {
        var chunks = await vectors.ForgetAllAsync(cancellationToken);
        worker.Wake();
        return TypedResults.Accepted((string?)null, new ReembedResponse(chunks));
    }
}

/// <summary>The answer to a re-embed: how many chunks wait for a new vector (searchable by words meanwhile).</summary>
internal sealed record ReembedResponse(int PendingChunks);
