using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>
/// Puts the replica's identity on every response and the request id on every log line, ahead of any
/// middleware the service adds, so error pages and short-circuited responses carry them too.
/// </summary>
internal sealed class ReplicaIdentityStartupFilter(IOptions<ReplicaOptions> options, ILoggerFactory loggers) : IStartupFilter
{
    private const int MaxRequestIdLength = 128;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var replica = options.Value.Name;
        var logger = loggers.CreateLogger("HealthAI.Requests");
        app.Use(async (context, nextMiddleware) =>
        {
            var requestId = AcceptedRequestId(context.Request.Headers[ReplicaHeaders.RequestId]) ?? context.TraceIdentifier;
            // The request's span, which continues the caller's trace when a traceparent came through the edge.
            var span = Activity.Current;
            context.Response.OnStarting(() =>
            {
                // OnStarting, not a header set now: the exception handler clears headers set earlier.
                context.Response.Headers[ReplicaHeaders.Instance] = replica;
                context.Response.Headers[ReplicaHeaders.RequestId] = requestId;
                if (span is not null)
                {
                    context.Response.Headers[ReplicaHeaders.TraceResponse] = $"00-{span.TraceId}-{span.SpanId}-{(span.Recorded ? "01" : "00")}";
                }

                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["Replica"] = replica }))
            {
                await nextMiddleware(context);
            }
        });
        next(app);
    };

    // A client-chosen id goes into logs and headers: take it only when it is short and printable.
    private static string? AcceptedRequestId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxRequestIdLength && value.All(c => c is > ' ' and < (char)127)
            ? value
            : null;
}
