using Microsoft.Net.Http.Headers;

namespace HealthAI.Api;

/// <summary>
/// A person's browser asking for <c>/</c> wants the page, which the edge serves under <c>/static/</c>;
/// an API client (JSON, or no preference) keeps getting the service info.
/// </summary>
internal static class BrowserRedirect
{
    public const string PagePath = "/static/index.html";

    public static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var html = accept.Any(type => type.Quality is not 0 && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        var json = accept.Any(type => type.Quality is not 0 && IsJson(type));
        return html && !json;
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true;
}
