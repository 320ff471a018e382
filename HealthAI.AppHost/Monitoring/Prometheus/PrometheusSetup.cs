namespace HealthAI.AppHost.Monitoring.Prometheus;

/// <summary>Everything <c>prometheus.yml</c> says, independent of where Prometheus runs.</summary>
/// <param name="ScrapeInterval">The global scrape interval.</param>
/// <param name="EvaluationInterval">How often rules are evaluated.</param>
/// <param name="RuleFiles">Rule files, relative to the configuration file.</param>
/// <param name="Alertmanagers">Alertmanager addresses (host:port).</param>
/// <param name="Jobs">The scrape jobs.</param>
/// <param name="ExternalLabels">Labels on every alert Prometheus sends, which rule templates read as <c>$externalLabels</c>; none when null.</param>
public sealed record PrometheusSetup(
    TimeSpan ScrapeInterval,
    TimeSpan EvaluationInterval,
    IReadOnlyList<string> RuleFiles,
    IReadOnlyList<string> Alertmanagers,
    IReadOnlyList<ScrapeJob> Jobs,
    IReadOnlyDictionary<string, string>? ExternalLabels = null);
