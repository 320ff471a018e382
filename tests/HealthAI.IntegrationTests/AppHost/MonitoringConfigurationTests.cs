using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Monitoring.Prometheus;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests;

/// <summary>The monitoring files pass their own tools' checks, without running anything else.</summary>
public sealed class MonitoringConfigurationTests
{
    private static readonly string PrometheusFolder = RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "prometheus");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recording_and_alert_rules_pass_promtool_check_rules()
    {
        var result = await ToolRun.RunAsync("promtool", ["check", "rules", .. InfrastructureTool.RuleFiles], PrometheusFolder, cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public async Task Alert_rules_pass_their_unit_tests()
    {
        var result = await ToolRun.RunAsync("promtool", ["test", "rules", "alert-rules.test.yml"], PrometheusFolder, cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public async Task Alertmanager_configuration_passes_amtool()
    {
        var result = await ToolRun.RunAsync("amtool", ["check-config", RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "alertmanager", "alertmanager.yml")], cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public async Task A_rendered_prometheus_configuration_passes_promtool_check_config()
    {
        var folder = RunDirectory.Create("prometheus-test").Path;
        try
        {
            foreach (var file in InfrastructureTool.RuleFiles)
            {
                File.Copy(Path.Combine(PrometheusFolder, file), Path.Combine(folder, file));
            }

            var setup = new PrometheusSetup(
                TimeSpan.FromSeconds(15),
                TimeSpan.FromSeconds(15),
                InfrastructureTool.RuleFiles,
                ["127.0.0.1:9093"],
                [
                    new ScrapeJob("healthai-api", "/monitoring/export", TimeSpan.FromSeconds(30),
                    [
                        new ScrapeTarget("127.0.0.1:5001", new Dictionary<string, string> { ["resource"] = "healthai-app-1", ["role"] = "primary" }),
                        new ScrapeTarget("127.0.0.1:5004", new Dictionary<string, string> { ["resource"] = "healthai-app-backup", ["role"] = "backup" }),
                    ]),
                    new ScrapeJob("prometheus", "/metrics", null, [new ScrapeTarget("127.0.0.1:9090", new Dictionary<string, string>())]),
                ],
                Runbooks.ExternalLabels(new MonitoringSettings()));
            await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), PrometheusConfigRenderer.Render(setup), Cancel);

            var result = await ToolRun.RunAsync("promtool", ["check", "config", "prometheus.yml"], folder, cancellationToken: Cancel);

            Assert.True(result.Succeeded, result.Output);
            Assert.Contains($"SUCCESS: {InfrastructureTool.RuleFiles.Count} rule files found", result.Output, StringComparison.Ordinal);
            foreach (var file in InfrastructureTool.RuleFiles)
            {
                var rules = File.ReadLines(Path.Combine(PrometheusFolder, file))
                    .Count(line => line.TrimStart().StartsWith("- alert:", StringComparison.Ordinal) || line.TrimStart().StartsWith("- record:", StringComparison.Ordinal));
                Assert.Contains($"SUCCESS: {rules} rules found", result.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Durations_are_written_as_Prometheus_reads_them()
    {
        Assert.Equal("15s", PrometheusConfigRenderer.Duration(TimeSpan.FromSeconds(15)));
        Assert.Equal("1500ms", PrometheusConfigRenderer.Duration(TimeSpan.FromMilliseconds(1500)));
    }
}
