using System.Globalization;
using System.Net;
using System.Text;
using HealthAI.AppHost.Monitoring;
using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// nginx's per-status counts, end to end on real tools: nginx runs the rendered configuration with its request log
/// stream, Debian's mtail runs the repository's program on that stream, clients get 200, 429 and nginx's own 503, mtail's counters
/// must say exactly that, and the nginx edge alerts fire in promtool from the series mtail really emits.
/// </summary>
public sealed class EdgeRequestMetricsTests
{
    private const string Nginx = "/usr/sbin/nginx";
    private const string Mtail = "/usr/bin/mtail";
    private const string Route = "/api/search?q=flu";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mtail_counts_what_nginx_answered_and_the_nginx_rate_limit_and_error_alerts_fire_from_its_series()
    {
        Assert.True(File.Exists(Nginx) && File.Exists(Mtail), "nginx or mtail is not installed: run scripts/install-host-packages.sh.");
        using var folder = new TempDirectory();
        var replicaPort = LoopbackPorts.Resolve(0);
        var logPort = LoopbackPorts.Resolve(0);
        var mtailPort = LoopbackPorts.Resolve(0);
        var policy = Policy(folder.Path, replicaPort, logPort);
        var configuration = Path.Combine(folder.Path, "nginx.conf");
        await File.WriteAllTextAsync(configuration, NginxConfigRenderer.Render(policy), Cancel);
        var programs = Directory.CreateDirectory(Path.Combine(folder.Path, "mtail")).FullName;
        foreach (var program in Directory.EnumerateFiles(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "mtail"), "*.mtail"))
        {
            File.Copy(program, Path.Combine(programs, Path.GetFileName(program)));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var edge = $"http://127.0.0.1:{policy.Listeners.HttpPort}";
        var metrics = $"http://127.0.0.1:{mtailPort}/metrics";
        var answered = new Dictionary<HttpStatusCode, int>();
        Dictionary<string, string> counted;
        using (var mtail = HostTools.Start(Mtail, InfrastructureTool.Mtail(logPort).Arguments(programs, folder.Path, "127.0.0.1", mtailPort)))
        using (var nginx = HostTools.Start(Nginx, "-e", "stderr", "-p", folder.Path, "-c", configuration, "-g", "daemon off;"))
        {
            try
            {
                await HostTools.UntilAsync(http, metrics, _ => true, Cancel);
                await using (var replica = await ReplicaAsync(replicaPort))
                {
                    await HostTools.UntilAsync(http, edge + Route, _ => true, Cancel);
                    answered[HttpStatusCode.OK] = 1;
                    // The burst of 1 passes one more; the rest of a quick run is limited.
                    for (var i = 0; i < 20; i++)
                    {
                        await CountAsync(http, edge + Route, answered);
                    }
                }

                // The replica is gone and the backup never listened: every try is refused, and nginx answers
                // its own 502 as the 503 problem (EdgeProblem).
                // A request a second stays under the rate limit.
                for (var i = 0; i < 3; i++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.1), Cancel);
                    await CountAsync(http, edge + Route, answered);
                }

                var expected = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["nginx_http_responses_total{source=\"upstream\",status=\"200\"}"] = Number(answered.GetValueOrDefault(HttpStatusCode.OK)),
                    ["nginx_http_responses_total{source=\"edge\",status=\"429\"}"] = Number(answered.GetValueOrDefault(HttpStatusCode.TooManyRequests)),
                    ["nginx_http_responses_total{source=\"edge\",status=\"503\"}"] = Number(answered.GetValueOrDefault(HttpStatusCode.ServiceUnavailable)),
                };
                counted = HostTools.Samples(
                    await HostTools.UntilAsync(http, metrics, text => expected.All(e => HostTools.Samples(text, "nginx_").GetValueOrDefault(e.Key) == e.Value), Cancel),
                    "nginx_");
            }
            finally
            {
                HostTools.Stop(nginx);
                HostTools.Stop(mtail);
            }
        }

        Assert.True(answered.GetValueOrDefault(HttpStatusCode.TooManyRequests) > 0 && answered.GetValueOrDefault(HttpStatusCode.ServiceUnavailable) == 3, string.Join(", ", answered));
        Assert.Equal(3, counted.Count);
        foreach (var rules in InfrastructureTool.RuleFiles)
        {
            File.Copy(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "prometheus", rules), Path.Combine(folder.Path, rules));
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "mtail.test.yml"), Fixture(counted), Cancel);

        var promtool = await ToolRun.RunAsync("promtool", ["test", "rules", "mtail.test.yml"], folder.Path, cancellationToken: Cancel);

        Assert.True(promtool.Succeeded, $"promtool test rules failed:\n{promtool.Output}\n{File.ReadAllText(Path.Combine(folder.Path, "mtail.test.yml"))}");
    }

    // The rendered edge of the app model with its stream on logPort, one primary and a backup that never listens, and a
    // rate limit of 1 r/s so a quick run of requests is limited for sure.
    private static EdgePolicy Policy(string runDirectory, int replicaPort, int logPort)
    {
        var paths = new EdgeHostPaths(runDirectory);
        Directory.CreateDirectory(paths.DefaultStaticDirectory);
        var configuration = new EdgeConfiguration(runDirectory, certificate: null, "correct-horse-battery") { RequestLogStreamPort = logPort };
        var policy = EdgePolicyDerivation.Derive(configuration, new EdgePlacement
        {
            Upstreams = [new Upstream("healthai-app-1", "127.0.0.1", replicaPort), new Upstream("healthai-app-backup", "127.0.0.1", LoopbackPorts.Resolve(0), UpstreamRole.Backup)],
            HostPaths = paths,
            StaticDirectory = paths.DefaultStaticDirectory,
            ListenAddress = "127.0.0.1",
            HttpPort = LoopbackPorts.Resolve(0),
            HttpsPort = LoopbackPorts.Resolve(0),
            StatusPort = LoopbackPorts.Resolve(0),
            StatsPassword = "correct-horse-battery",
        });
        return policy with { RateLimit = policy.RateLimit with { RequestsPerSecond = 1, Burst = 1 } };
    }

    // A stand-in replica: every request answered 200.
    private static async Task<WebApplication> ReplicaAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var replica = builder.Build();
        replica.Run(context => context.Response.WriteAsync("{}", context.RequestAborted));
        await replica.StartAsync(Cancel);
        return replica;
    }

    private static async Task CountAsync(HttpClient http, string url, Dictionary<HttpStatusCode, int> answered)
    {
        using var response = await http.GetAsync(url, Cancel);
        answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
    }

    // mtail's three series as Prometheus stores them under the nginx-requests job, each from its scraped value: 8 answers a
    // second from the replicas, 10 a second limited (429) and, from 3 min on, 2 a second that no replica answered (503).
    private static string Fixture(Dictionary<string, string> counted)
    {
        const string target = "job=\"nginx-requests\", instance=\"e1\", resource=\"nginx-mtail\"";
        string Series(string status) => counted.Keys.Single(series => series.Contains($"status=\"{status}\"", StringComparison.Ordinal));
        string Values(string status, string increments) => $"{counted[Series(status)]}{increments}";
        var values = new (string Status, string Values)[]
        {
            ("200", Values("200", "+480x20")),
            ("429", Values("429", "+600x20")),
            ("503", Values("503", "x3 ") + Invariant($"{double.Parse(counted[Series("503")], CultureInfo.InvariantCulture) + 120}+120x16")),
        };
        var series = new StringBuilder();
        foreach (var (status, value) in values)
        {
            var scraped = Series(status);
            var labels = scraped[(scraped.IndexOf('{', StringComparison.Ordinal) + 1)..^1];
            series.Append(CultureInfo.InvariantCulture, $"      - series: '{scraped[..scraped.IndexOf('{', StringComparison.Ordinal)]}{{{labels}, {target}}}'\n        values: '{value}'\n");
        }

        return $$"""
            rule_files: [{{string.Join(", ", InfrastructureTool.RuleFiles)}}]
            evaluation_interval: 1m
            tests:
              - name: mtail's series of a real nginx
                interval: 1m
                input_series:
            {{series}}
                alert_rule_test:
                  - eval_time: 3m
                    alertname: HealthAIEdgeErrorRatio
                    exp_alerts: []
                  - eval_time: 12m
                    alertname: HealthAIRateLimitSurge
                    exp_alerts:
                      - exp_labels: { severity: warning, job: nginx-requests }
                        exp_annotations:
                          summary: "The nginx-requests edge denies more than 5 requests/s"
                          description: "Rate-limit (429) and allow-list (403) denials at the nginx-requests edge run at 10 per second: a client is flooding, or a limit is too tight."
                          runbook_url: "#healthairatelimitsurge"
                  - eval_time: 14m
                    alertname: HealthAIEdgeErrorRatio
                    exp_alerts:
                      - exp_labels: { severity: page, job: nginx-requests }
                        exp_annotations:
                          summary: "nginx answers 10% of requests with its own 5xx"
                          description: "nginx itself answers more than 5 % of requests with 502, 503 or 504: no replica it tried answered in time, and retries no longer hide it from clients."
                          runbook_url: "#healthaiedgeerrorratio"
            """;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
