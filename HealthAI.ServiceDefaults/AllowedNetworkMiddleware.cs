using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>
/// Answers 403 on an endpoint marked <see cref="AllowedNetworkMetadata"/> when the client is outside the allow-list.
/// It judges the endpoint routing chose, not the path, so no spelling of the path (case, percent-encoding, dot
/// segments) gets around it. The client is the connection's peer, or the address a trusted proxy forwarded; a
/// trusted proxy's request whose forwarded client could not be read is refused (it would otherwise be judged as the
/// proxy, an insider).
/// </summary>
internal sealed partial class AllowedNetworkMiddleware(RequestDelegate next, IOptions<NetworkAccessOptions> options, ILogger<AllowedNetworkMiddleware> logger)
{
    private readonly IPNetwork[] allowed = [.. options.Value.EffectiveAllowedNetworks.Select(IPNetwork.Parse)];

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AllowedNetworkMetadata>() is null)
        {
            await next(context);
            return;
        }

        var unreadable = context.Features.Get<ForwardedRequest>() is { } forwarded && !forwarded.ClientWasRead(context.Request);
        if (!unreadable && IsAllowed(context.Connection.RemoteIpAddress))
        {
            await next(context);
            return;
        }

        if (unreadable)
        {
            LogUnreadable(logger, context.Connection.RemoteIpAddress, context.Request.Path);
        }
        else
        {
            LogRefused(logger, context.Connection.RemoteIpAddress, context.Request.Path);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = unreadable
                    ? "This endpoint is restricted to internal networks, and the proxy forwarded a client address that cannot be read."
                    : "This endpoint is restricted to internal networks.",
            },
        });
    }

    // No address means no network peer (an in-process host): nothing to judge.
    private bool IsAllowed(IPAddress? client) =>
        client is null || allowed.Any(network => network.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Client} on restricted {Path}: outside the allow-list")]
    private static partial void LogRefused(ILogger logger, IPAddress? client, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused proxy {Proxy} on restricted {Path}: its forwarded client address could not be read")]
    private static partial void LogUnreadable(ILogger logger, IPAddress? proxy, PathString path);
}
