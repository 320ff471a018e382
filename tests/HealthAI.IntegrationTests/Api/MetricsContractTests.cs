using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Tests;

/// <summary>
/// The API exports every HealthAI series the alert rules and dashboards ask for, under the names they
/// use: a renamed meter would otherwise leave an alert silently watching nothing.
/// </summary>
public sealed partial class MetricsContractTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_healthai_series_the_alerts_and_dashboards_use_is_exported()
    {
        await using var replicas = new Replicas(1);
        (await replicas.Admins[0].PostAsync("/backup", null, Cancel)).EnsureSuccessStatusCode();
        (await replicas.Clients[0].GetAsync("/api/search?q=flu", Cancel)).EnsureSuccessStatusCode();
        (await replicas.Clients[0].PostAsJsonAsync("/api/ask", new { question = "What helps with the flu?" }, Cancel)).EnsureSuccessStatusCode();
        var exposition = await replicas.Clients[0].GetStringAsync("/monitoring/export", Cancel);
        var exported = exposition.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SeriesName().Match(line).Value).ToHashSet(StringComparer.Ordinal);

        var monitoring = RepositoryPaths.Of("HealthAI.AppHost", "Monitoring");
        var referenced = Directory.GetFiles(monitoring, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith("-rules.yml", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
            .SelectMany(file => HealthAISeries().Matches(File.ReadAllText(file)).Select(match => match.Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(referenced.Count >= 5, $"only {referenced.Count} HealthAI series referenced");
        var missing = referenced.Where(name => !exported.Contains(name)).Order().ToList();
        Assert.True(missing.Count == 0, $"referenced but not exported: {string.Join(", ", missing)}");
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SeriesName();

    // Metric names, not quoted label values such as proxy="healthai_backend" nor the middle of a recording rule's name.
    [GeneratedRegex("(?<![\":])healthai_[a-z0-9_]+")]
    private static partial Regex HealthAISeries();
}
