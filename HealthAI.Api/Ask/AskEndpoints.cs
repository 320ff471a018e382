using System.Text.Json;
using HealthAI.Api.Http;
using HealthAI.Api.Search;

namespace HealthAI.Api.Ask;

/// <summary><c>POST /api/ask</c>: a grounded answer with citations and a disclaimer.</summary>
internal static class AskEndpoints
{
    public const int MaxBodyBytes = AskLimits.MaxBodyBytes;
    public const int MaxK = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAskEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/ask", AskAsync).WithTags("Ask").WithName("Ask").WithRequestBodyLimit(MaxBodyBytes);
        return routes;
    }

    private static async Task<IResult> AskAsync(HttpRequest request, AskService ask, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("Send the question as application/json: { \"question\": \"...\", \"k\": 5 }.");
        }

        if (await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(MaxBodyBytes);
        }

        AskRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<AskRequest>(body, Json);
        }
        catch (JsonException malformed)
        {
            return Problems.BadRequest($"The body is not a valid question: {malformed.Message}");
        }

        var question = input?.Question?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (question.Length == 0 || question.Length > SearchQuery.MaxLength || SearchQuery.Terms(question).Count == 0)
        {
            errors["question"] = [$"A question of 1 to {SearchQuery.MaxLength} characters, with at least one word, is required."];
        }

        if (input?.K is < 1 or > MaxK)
        {
            errors["k"] = [$"k must be from 1 to {MaxK}."];
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("The question is not valid.", errors);
        }

        try
        {
            return TypedResults.Ok(await ask.AskAsync(question, input?.K ?? SearchEndpoints.DefaultK, cancellationToken));
        }
        catch (ModelBusyException busy)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Problems.Unavailable("Model busy", busy.Message);
        }
    }
}
