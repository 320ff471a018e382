using HealthAI.Api.Http;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Access;

/// <summary>
/// Guards the writes (ingest, batch, delete) with the editor bearer token: what is stored is cited to
/// patients, so only editors may change it. Checked before the body is read. Without a configured
/// token writes are closed (503), never open.
/// </summary>
internal sealed class EditorTokenFilter(IOptions<KnowledgeBaseOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = options.Value.EditorToken;
        if (string.IsNullOrEmpty(token))
        {
            return Problems.Unavailable("Writes are not configured",
                $"Set {KnowledgeBaseOptions.SectionName}:{nameof(KnowledgeBaseOptions.EditorToken)} to accept ingest and delete.");
        }

        return BearerToken.Challenge(context.HttpContext, token, "healthai-editor") ?? await next(context);
    }
}
