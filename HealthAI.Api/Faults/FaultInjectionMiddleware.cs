using System.Globalization;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>Delays a request by the milliseconds its fault header asks for, when faults are enabled.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, IOptions<FaultInjectionOptions> options, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var faults = options.Value;
        if (faults.Enabled
            && int.TryParse(context.Request.Headers[FaultInjectionOptions.DelayHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds > 0)
        {
            var delay = TimeSpan.FromMilliseconds(milliseconds);
            await Task.Delay(delay < faults.MaxDelay ? delay : faults.MaxDelay, clock, context.RequestAborted);
        }

        await next(context);
    }
}
