using System.Data.Common;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace HealthAI.Api.Http;

/// <summary>
/// Turns the failures a client did not cause into honest statuses: a malformed request that slipped
/// past an endpoint is a 4xx (a value the database refuses as data, SQLSTATE class 22, included), and a
/// knowledge base that cannot be reached is a 503 the edge may retry elsewhere, never a bare 500.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ when DataExceptions.Find(exception) is { } data => (StatusCodes.Status400BadRequest, "Bad request",
                $"The knowledge base cannot store a value of this request ({data.SqlState}: {data.MessageText})."),
            KnowledgeBaseUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "Knowledge base unavailable", unavailable.Message),
            DbException or IOException or Backups.Engines.PostgreSqlToolException => (StatusCodes.Status503ServiceUnavailable, "Knowledge base unavailable",
                "The knowledge base could not be reached; try again shortly."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
