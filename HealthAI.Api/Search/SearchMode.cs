namespace HealthAI.Api.Search;

/// <summary>How <c>/api/search</c> finds chunks: <c>mode=lexical|semantic|hybrid</c>.</summary>
internal enum SearchMode
{
    /// <summary>By words only: the engine's full-text index.</summary>
    Lexical,

    /// <summary>By meaning only: the query's vector against the chunks' vectors.</summary>
    Semantic,

    /// <summary>Both, fused by reciprocal rank (the default).</summary>
    Hybrid,
}

/// <summary>The wire names of the modes.</summary>
internal static class SearchModes
{
    public const string ParameterName = "mode";

    public static string Name(this SearchMode mode) => mode.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out SearchMode mode)
    {
        mode = SearchMode.Hybrid;
        switch (text)
        {
            case "":
            case "hybrid":
                return true;
            case "lexical":
                mode = SearchMode.Lexical;
                return true;
            case "semantic":
                mode = SearchMode.Semantic;
                return true;
            default:
                return false;
        }
    }
}
