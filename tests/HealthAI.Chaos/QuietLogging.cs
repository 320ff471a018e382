using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HealthAI.Chaos;

/// <summary>
/// Keeps the console for the harness's own lines: every replica's and edge's output (an access-log line
/// per request) would bury them, and the dashboard is where resource logs belong. Failed health checks
/// are what the drills cause on purpose.
/// </summary>
internal static class QuietLogging
{
    public static void Apply(IDistributedApplicationTestingBuilder builder) =>
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole();
            logging.AddFilter<ConsoleLoggerProvider>((category, level) =>
                level >= LogLevel.Warning
                && !(category ?? "").Contains(".Resources.", StringComparison.Ordinal)
                && !(category ?? "").StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal));
        });
}
