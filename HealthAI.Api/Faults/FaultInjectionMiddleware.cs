using System.Globalization;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>
/// Delays a request (in the pipeline only when faults are enabled) by the milliseconds its fault header asks for plus the
/// replica-wide latency set at <c>PUT /faults</c>.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, IOptions<FaultInjectionOptions> options, ReplicaFaults replica, TimeProvider clock)
{
    // Probes and scrapes stay fast on a slow replica: a slow replica is not a dead one, and the switch
    // itself must answer at once so a drill can always turn the latency off again.
    private static readonly PathString[] Exempt =
    [
        HealthEndpoints.Liveness,
        HealthEndpoints.Readiness,
        HealthEndpoints.Detailed,
        HealthEndpoints.Metrics,
        ReplicaFaultEndpoints.Path,
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var milliseconds = RequestedDelay(context.Request) + ReplicaLatency(context.Request);
        if (milliseconds > 0)
        {
            var delay = TimeSpan.FromMilliseconds(milliseconds);
            var maxDelay = options.Value.MaxDelay;
            await Task.Delay(delay < maxDelay ? delay : maxDelay, clock, context.RequestAborted);
        }

        await next(context);
    }

    private static long RequestedDelay(HttpRequest request) =>
        int.TryParse(request.Headers[FaultInjectionOptions.DelayHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? milliseconds
            : 0;

    private long ReplicaLatency(HttpRequest request) =>
        Array.Exists(Exempt, path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
            ? 0
            : replica.Current.LatencyMs;
}
