using System.Globalization;
using System.Text;
using HealthAI.AppHost.Monitoring;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The nginx edge alerts against the series Debian's nginx exporter really emits: a real nginx serves
/// <c>stub_status</c>, the real exporter reads it, and the promtool fixture is built from the exporter's scrapes
/// while nginx answers and after it stopped, so an alert cannot pass on series the exporter does not have.
/// </summary>
public sealed class EdgeAlertTests
{
    private const string Exporter = "/usr/bin/prometheus-nginx-exporter";
    private const string Nginx = "/usr/sbin/nginx";
    private static readonly string[] Used = ["nginx_up", "nginx_connections_accepted", "nginx_connections_handled", "nginx_connections_active"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_nginx_fires_edge_down_and_dropped_or_saturated_connections_fire_their_alerts()
    {
        Assert.True(File.Exists(Exporter) && File.Exists(Nginx), "nginx or its exporter is not installed: run scripts/install-host-packages.sh.");
        using var folder = new TempDirectory();
        var statusPort = LoopbackPorts.Resolve(0);
        var exporterPort = LoopbackPorts.Resolve(0);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var configuration = Path.Combine(folder.Path, "nginx.conf");
        await File.WriteAllTextAsync(configuration, StubStatusConfiguration(folder.Path, statusPort), Cancel);

        Dictionary<string, string> serving, stopped;
        using (var nginx = HostTools.Start(Nginx, "-e", "stderr", "-p", folder.Path, "-c", configuration, "-g", "daemon off;"))
        {
            await UntilAsync(http, $"http://127.0.0.1:{statusPort}/stub_status", text => text.Contains("Active connections", StringComparison.Ordinal));
            using var exporter = HostTools.Start(Exporter, $"--nginx.scrape-uri=http://127.0.0.1:{statusPort}/stub_status", $"--web.listen-address=127.0.0.1:{exporterPort}");
            try
            {
                var metrics = $"http://127.0.0.1:{exporterPort}/metrics";
                serving = Samples(await UntilAsync(http, metrics, text => Samples(text).GetValueOrDefault("nginx_up") == "1"));
                HostTools.Stop(nginx);
                stopped = Samples(await UntilAsync(http, metrics, text => Samples(text).GetValueOrDefault("nginx_up") == "0"));
            }
            finally
            {
                HostTools.Stop(exporter);
                HostTools.Stop(nginx);
            }
        }

        Assert.All(Used, name => Assert.True(serving.ContainsKey(name), $"the exporter no longer emits {name}:\n{string.Join('\n', serving.Keys)}"));
        foreach (var rules in InfrastructureTool.RuleFiles)
        {
            File.Copy(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "prometheus", rules), Path.Combine(folder.Path, rules));
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "exporter.test.yml"), Fixture(serving, stopped), Cancel);

        var promtool = await ToolRun.RunAsync("promtool", ["test", "rules", "exporter.test.yml"], folder.Path, cancellationToken: Cancel);

        Assert.True(promtool.Succeeded, $"promtool test rules failed:\n{promtool.Output}\n{File.ReadAllText(Path.Combine(folder.Path, "exporter.test.yml"))}");
    }

    private static string StubStatusConfiguration(string folder, int port) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log stderr warn;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            server {
                listen 127.0.0.1:{{port}};
                location = /stub_status { stub_status; }
            }
        }
        """;

    // The exporter's series as Prometheus stores them under the nginx job, over 20 one-minute samples: nginx_up as
    // scraped, serving for 2 min and then stopped; from 5 min on, one accepted connection in ten is not handled and
    // active connections stand at 3500 (above 80 % of 4096).
    private static string Fixture(Dictionary<string, string> serving, Dictionary<string, string> stopped)
    {
        const string labels = "job=\"nginx\", instance=\"edge-1\", resource=\"nginx-exporter\"";
        var accepted = double.Parse(serving["nginx_connections_accepted"], CultureInfo.InvariantCulture);
        var handled = double.Parse(serving["nginx_connections_handled"], CultureInfo.InvariantCulture);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["nginx_up"] = $"{serving["nginx_up"]}x2 {stopped["nginx_up"]}x18",
            ["nginx_connections_accepted"] = Invariant($"{accepted}+100x20"),
            ["nginx_connections_handled"] = Invariant($"{handled}+100x5 {handled + 500}+90x15"),
            ["nginx_connections_active"] = $"{serving["nginx_connections_active"]}x5 3500x15",
        };
        var series = new StringBuilder();
        series.Append(CultureInfo.InvariantCulture, $"      - series: 'up{{{labels}}}'\n        values: '1x20'\n");
        foreach (var (name, value) in values)
        {
            series.Append(CultureInfo.InvariantCulture, $"      - series: '{name}{{{labels}}}'\n        values: '{value}'\n");
        }

        return $$"""
            rule_files: [{{string.Join(", ", InfrastructureTool.RuleFiles)}}]
            evaluation_interval: 1m
            tests:
              - name: the real exporter's series
                interval: 1m
                input_series:
            {{series}}
                alert_rule_test:
                  - eval_time: 2m
                    alertname: HealthAIEdgeDown
                    exp_alerts: []
                  - eval_time: 4m
                    alertname: HealthAIEdgeConnectionsDropped
                    exp_alerts: []
                  - eval_time: 4m
                    alertname: HealthAIEdgeConnectionsSaturated
                    exp_alerts: []
                  - eval_time: 5m
                    alertname: HealthAIEdgeDown
                    exp_alerts:
                      - exp_labels: { severity: page, job: nginx, instance: edge-1, resource: nginx-exporter }
                        exp_annotations:
                          summary: "Edge nginx-exporter is down"
                          description: "The nginx edge (or its exporter) does not answer: clients of that edge get nothing."
                          runbook_url: "#healthaiedgedown"
                  - eval_time: 12m
                    alertname: HealthAIEdgeConnectionsDropped
                    exp_alerts:
                      - exp_labels: { severity: page, job: nginx, instance: edge-1, resource: nginx-exporter }
                        exp_annotations:
                          summary: "nginx (edge-1) drops connections"
                          description: "nginx accepted 50 connections in 5 minutes that it could not handle and closed: it is out of worker connections or file descriptors."
                          runbook_url: "#healthaiedgeconnectionsdropped"
                  - eval_time: 12m
                    alertname: HealthAIEdgeConnectionsSaturated
                    exp_alerts:
                      - exp_labels: { severity: warning, job: nginx, instance: edge-1, resource: nginx-exporter }
                        exp_annotations:
                          summary: "nginx (edge-1) holds 3500 connections"
                          description: "nginx holds more than 80 % of one worker's connection limit: the next surge is dropped. Find who holds them, or give the edge more workers or pods."
                          runbook_url: "#healthaiedgeconnectionssaturated"
            """;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // The exporter's series carry no labels: each is keyed by its name alone.
    private static Dictionary<string, string> Samples(string exposition) => HostTools.Samples(exposition, "nginx_");

    private static Task<string> UntilAsync(HttpClient http, string url, Func<string, bool> done) => HostTools.UntilAsync(http, url, done, Cancel);
}
