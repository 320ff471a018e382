using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthAI.AppHost.Monitoring;

namespace HealthAI.AppHost.Tests.Monitoring;

/// <summary>
/// The dashboards' quantiles are recording rules: no panel computes a histogram_quantile over raw buckets, and
/// every rule a panel or an alert names is recorded, so a renamed rule cannot leave a panel empty.
/// </summary>
public sealed partial class RecordingRuleTests
{
    private static readonly string Dashboards = RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "grafana", "dashboards");

    [Fact]
    public void No_dashboard_panel_computes_a_quantile_itself()
    {
        var computed = PanelExpressions().Where(panel => panel.Expr.Contains("histogram_quantile", StringComparison.Ordinal)).Select(panel => panel.Title).ToList();

        Assert.True(computed.Count == 0, $"read a recording rule of {InfrastructureTool.RecordingRulesFile} instead: {string.Join(", ", computed)}");
    }

    [Fact]
    public void Every_recording_rule_a_dashboard_or_an_alert_names_exists()
    {
        var recorded = AlertRuleFiles.Read(InfrastructureTool.RecordingRulesFile).Select(rule => rule.Record).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var named = PanelExpressions().Select(panel => (panel.Title, panel.Expr))
            .Concat(AlertRuleFiles.Read(InfrastructureTool.AlertRulesFile).Select(rule => (Title: rule.Alert ?? "", rule.Expr)))
            .SelectMany(use => RecordingRuleName().Matches(use.Expr).Select(match => (use.Title, Rule: match.Value)))
            .ToList();

        Assert.Contains(named, use => use.Rule.Contains("p99", StringComparison.Ordinal));
        var missing = named.Where(use => !recorded.Contains(use.Rule)).Select(use => $"{use.Title}: {use.Rule}").ToList();
        Assert.True(missing.Count == 0, $"named but not recorded in {InfrastructureTool.RecordingRulesFile}: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_recording_rule_computes_a_quantile_by_job()
    {
        var rules = AlertRuleFiles.Read(InfrastructureTool.RecordingRulesFile);

        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Matches(RecordingRuleName(), rule.Record!));
        Assert.All(rules, rule => Assert.Contains("by (job", rule.Expr, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Title, string Expr)> PanelExpressions() =>
        from file in Directory.GetFiles(Dashboards, "*.json")
        from panel in JsonNode.Parse(File.ReadAllText(file))!["panels"]!.AsArray()
        from target in panel!["targets"]?.AsArray() ?? []
        select ($"{Path.GetFileNameWithoutExtension(file)}/{panel["title"]}", target!["expr"]!.GetValue<string>());

    // level:metric:operations, Prometheus' convention for recorded series; raw series have no colon.
    [GeneratedRegex("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+")]
    private static partial Regex RecordingRuleName();
}
