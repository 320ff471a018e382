using System.Diagnostics;
using HealthAI.Api.KnowledgeBase.Idempotency;

namespace HealthAI.Api.Faults;

/// <summary>
/// Around the document writes when faults are enabled: kills this replica after a write committed and before it
/// answers, when the request asks for it (<see cref="FaultInjectionOptions.CrashAfterWriteHeader"/>).
/// </summary>
internal sealed partial class CrashAfterWriteFilter(ILogger<CrashAfterWriteFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // A replay or a refusal committed nothing here: only a fresh commit's acknowledgement is the one a crash loses.
        if (result is WriteOutcome.Result { Outcome.IsFreshCommit: true }
            && context.HttpContext.Request.Headers.ContainsKey(FaultInjectionOptions.CrashAfterWriteHeader))
        {
            LogCrashing();
            // SIGKILL, not a shutdown: no drain and no answer, as when the machine loses the process.
            Process.GetCurrentProcess().Kill();
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Fault injection: killing this replica after a committed write, before answering")]
    private partial void LogCrashing();
}
