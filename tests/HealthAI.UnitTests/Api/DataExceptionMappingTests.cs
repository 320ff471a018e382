using System.Text.Json;
using HealthAI.Api.Http;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthAI.Api.Tests;

/// <summary>PostgreSQL's data exceptions (SQLSTATE class 22) are the request's fault: 400, no Retry-After, never a 503.</summary>
public sealed class DataExceptionMappingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("22021", "invalid byte sequence for encoding \"UTF8\": 0x00")]
    [InlineData("22P02", "invalid input syntax for type integer")]
    [InlineData("22003", "value out of range")]
    public async Task A_data_exception_is_a_400_without_Retry_After(string sqlState, string message)
    {
        var error = new PostgresException(message, "ERROR", "ERROR", sqlState);

        var (status, retryAfter, body) = await HandleAsync(error);
        var (wrappedStatus, _, _) = await HandleAsync(new KnowledgeBaseUnavailableException("wrapped", error));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(StatusCodes.Status400BadRequest, wrappedStatus);
        Assert.Null(retryAfter);
        Assert.Contains(sqlState, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("57P01")]
    [InlineData("08006")]
    [InlineData("40001")]
    public async Task Other_database_failures_stay_503_with_Retry_After(string sqlState)
    {
        var (status, retryAfter, _) = await HandleAsync(new PostgresException("gone", "FATAL", "FATAL", sqlState));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.NotNull(retryAfter);
    }

    private static async Task<(int Status, string? RetryAfter, JsonElement Body)> HandleAsync(Exception error)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.True(await handler.TryHandleAsync(context, error, Cancel));

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Cancel);
        var retryAfter = context.Response.Headers.RetryAfter;
        return (context.Response.StatusCode, retryAfter.Count == 0 ? null : retryAfter.ToString(), body.RootElement.Clone());
    }
}
