namespace HealthAI.Api.Search;

/// <summary>Registers search by words and the hybrid search over words and meaning, and <c>/api/search</c>.</summary>
internal static class SearchExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChunkSearch>();
        builder.Services.AddSingleton<HybridSearch>();
        return builder;
    }

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapSearchEndpoints();
        return app;
    }
}
