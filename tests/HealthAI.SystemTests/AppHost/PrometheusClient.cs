using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>Just enough of Prometheus' HTTP API to ask it questions in tests.</summary>
internal sealed class PrometheusClient(Uri prometheus) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = prometheus, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs an instant query; throws when Prometheus rejects it.</summary>
    public async Task<JsonElement> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus rejected '{promql}': {body}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>The value of each series of an instant query, by the value of <paramref name="label"/>.</summary>
    public async Task<IReadOnlyDictionary<string, double>> ValuesByAsync(string promql, string label, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(promql, cancellationToken);
        return result.EnumerateArray().ToDictionary(
            series => series.GetProperty("metric").TryGetProperty(label, out var value) ? value.GetString()! : "",
            series => double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The alerts Prometheus holds now, pending or firing.</summary>
    public async Task<IReadOnlyList<(string Name, string State, IReadOnlyDictionary<string, string> Labels)>> AlertsAsync(CancellationToken cancellationToken)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/alerts", cancellationToken);
        return [.. body.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert =>
        {
            var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            return (labels["alertname"], alert.GetProperty("state").GetString()!, (IReadOnlyDictionary<string, string>)labels);
        })];
    }

    public void Dispose() => _http.Dispose();
}
