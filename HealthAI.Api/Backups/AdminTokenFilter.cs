using System.Security.Cryptography;
using System.Text;
using HealthAI.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// Guards <c>/backup</c> with the admin bearer token (the edge also limits it by network). Tokens are
/// compared as hashes in constant time, so the comparison's duration says nothing about the token.
/// </summary>
internal sealed class AdminTokenFilter(IOptions<BackupOptions> options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return Problems.Unavailable("Backups are not configured",
                $"Set {BackupOptions.SectionName}:{nameof(BackupOptions.AdminToken)} to turn /backup on.");
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(context.HttpContext, "A bearer token is required.", "Bearer realm=\"healthai-backup\"");
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminToken));
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return Unauthorized(context.HttpContext, "The bearer token is not valid.", "Bearer realm=\"healthai-backup\", error=\"invalid_token\"");
        }

        return await next(context);
    }

    private static ProblemHttpResult Unauthorized(HttpContext context, string detail, string challenge)
    {
        context.Response.Headers.WWWAuthenticate = challenge;
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }
}
