namespace HealthAI.Api.Http;

/// <summary>The API's RFC 9457 answers, so every endpoint words the same failure the same way.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail)
            : TypedResults.ValidationProblem(errors, detail: detail, title: "Bad request");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult TooLarge(long limitBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The request body is larger than the {limitBytes} bytes this endpoint accepts.");

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: detail);

    public static IResult Unavailable(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
