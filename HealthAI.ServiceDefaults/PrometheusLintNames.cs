using OpenTelemetry.Metrics;

namespace HealthAI.ServiceDefaults;

/// <summary>
/// Renames the few runtime gauges whose OpenTelemetry names end in <c>.count</c>: exported as
/// <c>*_count</c> they read as histogram parts, which <c>promtool check metrics</c> rejects.
/// </summary>
internal static class PrometheusLintNames
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers.active",
    };

    public static MeterProviderBuilder AddPrometheusLintViews(this MeterProviderBuilder metrics)
    {
        foreach (var (name, lintSafe) in Renamed)
        {
            metrics.AddView(name, new MetricStreamConfiguration { Name = lintSafe });
        }

        return metrics;
    }
}
