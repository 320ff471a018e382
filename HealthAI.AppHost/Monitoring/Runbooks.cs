namespace HealthAI.AppHost.Monitoring;

/// <summary>
/// How an alert links to its runbook: each rule's <c>runbook_url</c> reads the external label <see cref="Label"/>,
/// so one setting (<see cref="MonitoringSettings.RunbooksUrl"/>) points every alert of every target at the same document.
/// </summary>
public static class Runbooks
{
    /// <summary>The external label that carries the runbooks' address (<c>$externalLabels.runbooks</c> in the rules).</summary>
    public const string Label = "runbooks";

    /// <summary>The runbooks' path in the repository, one section an alert.</summary>
    public const string DefaultUrl = "docs/runbooks.md";

    /// <summary>The external labels Prometheus carries in every target.</summary>
    public static IReadOnlyDictionary<string, string> ExternalLabels(MonitoringSettings monitoring)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        return new Dictionary<string, string>(StringComparer.Ordinal) { [Label] = monitoring.RunbooksUrl };
    }
}
