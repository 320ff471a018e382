using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace HealthAI.Api.KnowledgeBase.Idempotency;

/// <summary>
/// What a write answered, as bytes: the first answer to a keyed request is stored as it was sent, so a
/// replay is the same status, headers that matter and body, on whichever replica it lands.
/// </summary>
internal sealed record WriteOutcome(int Status, string? ContentType, string? Location, byte[]? Body, bool Replayed = false)
{
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WriteOutcome Json200(object body) => new(StatusCodes.Status200OK, "application/json; charset=utf-8", null, JsonSerializer.SerializeToUtf8Bytes(body, Json));

    public static WriteOutcome Created(string location, object body) =>
        new(StatusCodes.Status201Created, "application/json; charset=utf-8", location, JsonSerializer.SerializeToUtf8Bytes(body, Json));

    public static WriteOutcome NoContent() => new(StatusCodes.Status204NoContent, null, null, null);

    public static WriteOutcome Problem(int status, string title, string detail) => new(status, "application/problem+json", null,
        JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails { Status = status, Title = title, Detail = detail }, Json));

    /// <summary>A write that has just committed: not a replay, not a refusal.</summary>
    public bool IsFreshCommit => !Replayed && Status < StatusCodes.Status300MultipleChoices;

    /// <summary>The outcome as an endpoint result.</summary>
    public IResult ToResult() => new Result(this);

    /// <summary>An outcome as an endpoint result, which endpoint filters can recognise.</summary>
    public sealed class Result(WriteOutcome outcome) : IResult
    {
        public WriteOutcome Outcome => outcome;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = outcome.Status;
            if (outcome.Location is { } location)
            {
                response.Headers.Location = location;
            }

            if (outcome.Replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            if (outcome.Body is { } body)
            {
                response.ContentType = outcome.ContentType;
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
