using HealthAI.Api.Backups;
using HealthAI.Api.Http;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Access;

/// <summary>Guards <c>/backup</c> with the admin bearer token (the edge also limits it by network).</summary>
internal sealed class AdminTokenFilter(IOptions<BackupOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return Problems.Unavailable("Backups are not configured",
                $"Set {BackupOptions.SectionName}:{nameof(BackupOptions.AdminToken)} to turn /backup on.");
        }

        return BearerToken.Challenge(context.HttpContext, settings.AdminToken, "healthai-backup") ?? await next(context);
    }
}
