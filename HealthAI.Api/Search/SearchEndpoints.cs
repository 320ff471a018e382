using HealthAI.Api.Http;
using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Api.Search;

/// <summary><c>GET /api/search?q=&amp;k=</c>: the top-k chunks for a query.</summary>
internal static class SearchEndpoints
{
    public const int DefaultK = 5;
    public const int MaxK = 50;

    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChunkSearch>();
        return builder;
    }

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search").WithName("Search");
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, ChunkSearch search, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = request.Query["q"].ToString().Trim();
        if (query.Length == 0 || query.Length > SearchQuery.MaxLength)
        {
            errors["q"] = [$"q is required: 1 to {SearchQuery.MaxLength} characters."];
        }
        else if (SearchQuery.Terms(query).Count == 0)
        {
            errors["q"] = ["q must contain at least one word."];
        }

        var k = DocumentEndpoints.QueryInt(request, "k", DefaultK, 1, MaxK, errors);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Bad search parameters.", errors);
        }

        return TypedResults.Ok(new SearchResponse(query, k, await search.SearchAsync(query, k, cancellationToken)));
    }
}
