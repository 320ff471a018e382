using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HealthAI.ServiceDefaults;

/// <summary>
/// Notes, before the forwarded-headers middleware runs, that a trusted proxy forwarded a request and what its
/// <c>X-Forwarded-For</c> said, so that <see cref="AllowedNetworkMiddleware"/> can tell afterwards whether the client
/// address was actually read from it. That middleware gives up silently on an entry it cannot parse, which leaves
/// the proxy's own address, an insider's, as the client.
/// </summary>
internal sealed class ForwardedClientCapture(RequestDelegate next, IOptions<NetworkAccessOptions> options)
{
    private readonly IPNetwork[] trusted = [.. options.Value.EffectiveTrustedProxies.Select(IPNetwork.Parse)];

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (context.Connection.RemoteIpAddress is { } peer
            && (headers.ContainsKey(ForwardedRequest.XForwardedFor) || headers.ContainsKey(ForwardedRequest.Forwarded))
            && trusted.Any(network => network.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer)))
        {
            context.Features.Set(new ForwardedRequest(peer, headers[ForwardedRequest.XForwardedFor]));
        }

        return next(context);
    }
}

/// <summary>A request a trusted proxy forwarded, as it arrived: the proxy and its <c>X-Forwarded-For</c> (empty when absent).</summary>
internal sealed record ForwardedRequest(IPAddress Proxy, StringValues XForwardedForAsSent)
{
    public const string XForwardedFor = "X-Forwarded-For";

    // RFC 7239's header: the replica never reads it, so a proxy that names the client only there names no one.
    public const string Forwarded = "Forwarded";

    /// <summary>
    /// Whether the forwarded-headers middleware took the client from <c>X-Forwarded-For</c>: when it does, it removes
    /// the entry it consumed (or the whole header), so a header still as sent was not read.
    /// </summary>
    public bool ClientWasRead(HttpRequest request) =>
        !StringValues.IsNullOrEmpty(XForwardedForAsSent) && !StringValues.Equals(request.Headers[XForwardedFor], XForwardedForAsSent);
}
