using HealthAI.Api.Http;

namespace HealthAI.Api.Search;

/// <summary><c>GET /api/search?q=&amp;k=&amp;mode=</c>: the top-k chunks for a query, by words, meaning or both.</summary>
internal static class SearchEndpoints
{
    public const int DefaultK = 5;
    public const int MaxK = 100;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", SearchAsync).WithTags("Search").WithName("Search");
        return routes;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, HybridSearch search, CancellationToken cancellationToken)
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

        var k = QueryParameters.Int(request, "k", DefaultK, 1, MaxK, errors);
        var modeText = request.Query[SearchModes.ParameterName].ToString();
        if (!SearchModes.TryParse(modeText, out var mode))
        {
            errors[SearchModes.ParameterName] = [$"mode must be lexical, semantic or hybrid; got '{modeText}'."];
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("Bad search parameters.", errors);
        }

        if (mode == SearchMode.Semantic && !search.CanSearchByMeaning)
        {
            return Problems.Unavailable("Semantic search is not available",
                "This replica's embedding model is not loaded (see /health); mode=lexical and mode=hybrid still answer.");
        }

        var (used, hits) = await search.SearchAsync(query, k, mode, cancellationToken);
        return TypedResults.Ok(new SearchResponse(query, k, used.Name(), hits));
    }
}
