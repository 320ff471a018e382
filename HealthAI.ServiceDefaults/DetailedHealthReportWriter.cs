using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>Writes a health report as the JSON that <c>/health/detailed</c> promises operators.</summary>
internal static class DetailedHealthReportWriter
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var replica = services.GetRequiredService<IOptions<ReplicaOptions>>().Value;
        var started = services.GetRequiredService<ReplicaStartTime>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        var body = new DetailedHealthReport(
            Status: report.Status.ToString(),
            TotalDurationMs: Milliseconds(report.TotalDuration),
            Instance: replica.Name,
            Version: ReplicaVersion.Current,
            State: services.GetRequiredService<ReplicaLifecycle>().State.ToString(),
            StartedAt: started,
            UptimeSeconds: Math.Round((now - started).TotalSeconds, 3),
            Checks: [.. report.Entries.Select(entry => new DetailedHealthCheck(
                Name: entry.Key,
                Status: entry.Value.Status.ToString(),
                Description: entry.Value.Description,
                DurationMs: Milliseconds(entry.Value.Duration),
                Error: entry.Value.Exception?.Message,
                Data: entry.Value.Data,
                Tags: entry.Value.Tags))]);
        return context.Response.WriteAsJsonAsync(body, SerializerOptions, "application/json; charset=utf-8");
    }

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}

/// <summary>The body of <c>/health/detailed</c>.</summary>
public sealed record DetailedHealthReport(
    string Status,
    double TotalDurationMs,
    string Instance,
    string Version,
    string State,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    IReadOnlyList<DetailedHealthCheck> Checks);

/// <summary>One check in <c>/health/detailed</c>.</summary>
public sealed record DetailedHealthCheck(
    string Name,
    string Status,
    string? Description,
    double DurationMs,
    string? Error,
    IReadOnlyDictionary<string, object> Data,
    IEnumerable<string> Tags);
