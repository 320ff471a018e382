using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Tests;

/// <summary>
/// The backup alerts against the series a fresh replica really exports: the promtool fixture is built from its
/// scrape, so an alert cannot pass on series the replicas do not have.
/// </summary>
public sealed partial class BackupAlertTests
{
    private const string LastSuccess = "healthai_backup_last_success_time_seconds";
    private const string Failed = "healthai_backups_failed_total";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replica_that_never_backed_up_fires_the_stale_alert_and_its_first_failure_the_failed_alert()
    {
        await using var replicas = new Replicas(1);
        var exposition = await replicas.Clients[0].GetStringAsync("/monitoring/export", Cancel);
        var samples = exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value is LastSuccess or Failed)
            .ToList();
        Assert.Contains(samples, sample => sample.Groups["name"].Value == LastSuccess);
        Assert.Contains(samples, sample => sample.Groups["name"].Value == Failed && sample.Groups["labels"].Value.Contains("trigger=\"scheduled\"", StringComparison.Ordinal));

        using var folder = new TempDirectory();
        File.Copy(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "prometheus", "alert-rules.yml"), Path.Combine(folder.Path, "alert-rules.yml"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "fresh-replica.test.yml"), Fixture(samples), Cancel);

        var promtool = await ToolRun.RunAsync("promtool", ["test", "rules", "fresh-replica.test.yml"], workingDirectory: folder.Path, cancellationToken: Cancel);

        Assert.True(promtool.Succeeded, $"promtool test rules failed:\n{promtool.Output}\n{File.ReadAllText(Path.Combine(folder.Path, "fresh-replica.test.yml"))}");
    }

    // Each scraped series as Prometheus stores it (with the job label its scrape adds), constant for 28 hours of
    // one-minute samples, except that the scheduled trigger's failure counter goes up by one after 26 h 40 min.
    private static string Fixture(IEnumerable<Match> samples)
    {
        var series = new StringBuilder();
        foreach (var sample in samples)
        {
            var name = sample.Groups["name"].Value;
            var labels = sample.Groups["labels"].Value;
            var value = double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            var values = name == Failed && labels.Contains("trigger=\"scheduled\"", StringComparison.Ordinal)
                ? $"{value}x1600 {value + 1}x80"
                : $"{value}x1680";
            var all = labels.Length == 0 ? "job=\"healthai-api\"" : $"{labels},job=\"healthai-api\"";
            series.Append(CultureInfo.InvariantCulture, $"      - series: '{name}{{{all}}}'\n        values: '{values}'\n");
        }

        return $$"""
            rule_files:
              - alert-rules.yml
            evaluation_interval: 1m
            tests:
              - name: a fresh replica's backup series
                interval: 1m
                input_series:
            {{series}}
                alert_rule_test:
                  - eval_time: 26h
                    alertname: HealthAIBackupFailed
                    exp_alerts: []
                  - eval_time: 27h
                    alertname: HealthAIBackupStale
                    exp_alerts:
                      - exp_labels: { severity: page }
                        exp_annotations:
                          summary: "No successful backup for more than 26 hours"
                          description: "No backup exists on the shared volume."
                          runbook_url: "#healthaibackupstale"
                  - eval_time: 26h50m
                    alertname: HealthAIBackupFailed
                    exp_alerts:
                      - exp_labels: { severity: warning }
                        exp_annotations:
                          summary: "A backup failed in the last hour"
                          description: "Look at the replica's logs for the failed backup; nothing that looks like a valid backup was left behind."
                          runbook_url: "#healthaibackupfailed"
            """;
    }

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(?<labels>[^}]*)\\})? (?<value>[^ ]+)")]
    private static partial Regex Sample();
}
