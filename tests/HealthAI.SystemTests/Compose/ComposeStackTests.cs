using System.Net;
using System.Text.Json;

[assembly: CaptureConsole]

namespace HealthAI.Compose.Tests;

/// <summary>
/// The published compose stack, built and started on this machine: what outsiders get through the
/// edges, what Prometheus sees, then failure and deployment drills under the chaos harness's mixed load
/// through nginx and HAProxy at once, and finally a teardown that leaves nothing behind. One stack for
/// the class; the tests run in the order written (<see cref="DeclarationOrder"/>).
/// </summary>
[TestMethodOrderer(typeof(DeclarationOrder))]
[Collection(ComposeStacks.Name)]
public sealed class ComposeStackTests(ComposeStackFixture stack) : IClassFixture<ComposeStackFixture>
{
    private static readonly string[] ApiServices = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_service_is_healthy_on_the_images_the_app_model_names()
    {
        Report.Add($"images built in {stack.ImageBuildTime.TotalSeconds:0} s; every service healthy {stack.TimeToHealthy.TotalSeconds:0} s after docker-compose up");
        Report.Add(stack.ImageBuildReport.TrimEnd());
        var compose = await File.ReadAllTextAsync(Path.Combine(stack.ComposeDirectory, "docker-compose.yaml"), Cancel);
        // Grafana's profile is not on: its upstream image needs a registry.
        foreach (var service in (await stack.ComposeAsync(["ps", "--services"])).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "grafana"))
        {
            var image = await ComposeStackFixture.InspectAsync(await stack.ContainerAsync(service), "{{.Config.Image}}");
            Assert.Contains($"image: {image}\n", compose, StringComparison.Ordinal);
            Assert.StartsWith("healthai/", image, StringComparison.Ordinal);
            Assert.Equal("healthy", await ComposeStackFixture.InspectAsync(await stack.ContainerAsync(service), "{{.State.Health.Status}}"));
        }
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task The_edge_answers_over_TLS_with_the_security_headers(string edge)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);

        using var response = await client.GetAsync(Edge(edge), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("healthai-app-", response.Headers.GetValues("X-HealthAI-Instance").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("0", response.Headers.GetValues("X-XSS-Protection").Single());
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task A_client_over_the_rate_limit_gets_429_with_Retry_After(string edge)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);

        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => client.GetAsync(new Uri(Edge(edge), "/api/search?q=flu"), Cancel)));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter is not null, "a 429 without Retry-After"));
        Array.ForEach(responses, r => r.Dispose());
        // Every loopback client is the same address to a compose edge: let its bucket refill for the drills.
        await Task.Delay(TimeSpan.FromSeconds(5), Cancel);
    }

    [Theory]
    [InlineData("nginx", "/monitoring/export")]
    [InlineData("nginx", "/backup")]
    [InlineData("haproxy", "/monitoring/export")]
    [InlineData("haproxy", "/backup")]
    public async Task A_client_outside_the_allow_list_gets_403_on_restricted_routes(string edge, string path)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Edge(edge), path));
        request.Headers.Authorization = new("Bearer", stack.AdminToken);

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Every_Prometheus_target_is_up()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        List<(string Job, string Url, string Health, string Error)> targets;
        do
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(stack.Prometheus, "/api/v1/targets"), Cancel));
            targets = [.. document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => (
                t.GetProperty("labels").GetProperty("job").GetString()!, t.GetProperty("scrapeUrl").GetString()!,
                t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString()!))];
            if (targets.Count > 0 && targets.All(t => t.Health == "up"))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Contains(targets, t => t.Job == "healthai-api");
        Assert.Contains(targets, t => t.Job == "nginx");
        Assert.True(targets.All(t => t.Health == "up"), string.Join('\n', targets.Select(t => $"{t.Job} {t.Url} {t.Health} {t.Error}")));
    }

    [Fact]
    public async Task An_API_container_whose_process_is_killed_comes_back_by_its_restart_policy_and_costs_no_request()
    {
        await stack.SeedAsync(Cancel);
        var container = await stack.ContainerAsync("healthai-app-2");
        var restarts = int.Parse(await ComposeStackFixture.InspectAsync(container, "{{.RestartCount}}"), System.Globalization.CultureInfo.InvariantCulture);

        await DrillAsync("kill -9 (restart policy)", async () =>
        {
            // From the host: `docker kill` marks the container as stopped by hand, and no restart policy applies.
            await ComposeStackFixture.Run("kill", ["-9", await ComposeStackFixture.InspectAsync(container, "{{.State.Pid}}")]);
            var deadline = DateTime.UtcNow + ReplicaTimeout;
            while (int.Parse(await ComposeStackFixture.InspectAsync(container, "{{.RestartCount}}"), System.Globalization.CultureInfo.InvariantCulture) == restarts && DateTime.UtcNow < deadline)
            {
                // Each look is a docker CLI start, taken from the stack while it recovers.
                await Task.Delay(500, Cancel);
            }

            await stack.WaitHealthyAsync(ReplicaTimeout, "healthai-app-2");
        });

        Assert.Equal(restarts + 1, int.Parse(await ComposeStackFixture.InspectAsync(container, "{{.RestartCount}}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stopped_API_container_drains_and_costs_no_request()
    {
        var container = await stack.ContainerAsync("healthai-app-3");

        await DrillAsync("docker stop (SIGTERM drain)", async () =>
        {
            await ComposeStackFixture.Run("docker", ["stop", "--time", "60", container]);
            Assert.Equal("0", await ComposeStackFixture.InspectAsync(container, "{{.State.ExitCode}}"));
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            await ComposeStackFixture.Run("docker", ["start", container]);
            await stack.WaitHealthyAsync(ReplicaTimeout, "healthai-app-3");
        });
    }

    // deploy.sh runs rolling-update.sh to the new tag, so this is also the rolling update's drill: one
    // roll of the four replicas rather than two keeps the compose drills inside the suite's budget.
    [Fact]
    public async Task A_deploy_builds_rolls_to_a_new_image_tag_and_converges_the_stack_and_costs_no_request()
    {
        var edgeWorkers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var edge in (string[])["nginx", "haproxy"])
        {
            edgeWorkers[edge] = await WorkersAsync(edge);
        }

        // A new tag, and settings that change both edges' and Prometheus' rendered files: compose keeps those
        // containers, so only a reload can bring the new files into force.
        await stack.PublishAsync(DeployTag, "HealthAI:Edges:RateLimit:Burst=21", "HealthAI:Monitoring:ScrapeInterval=00:00:16");

        var deploy = "";
        await DrillAsync("deploy.sh", async () => deploy = await ComposeStackFixture.Run("bash", [RepositoryPaths.Of("deploy", "deploy.sh"), "--compose-dir", stack.ComposeDirectory, "--timeout", "120"]));

        foreach (var api in ApiServices)
        {
            Assert.Equal($"healthai/api:{DeployTag}", await ComposeStackFixture.InspectAsync(await stack.ContainerAsync(api), "{{.Config.Image}}"));
        }

        Assert.Equal("healthy", await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("haproxy"), "{{.State.Health.Status}}"));
        foreach (var (edge, before) in edgeWorkers)
        {
            Assert.Contains($"{edge}: configuration checked and reloaded", deploy, StringComparison.Ordinal);
            // A reload replaces the workers; the master, and so the container, stays.
            Assert.NotEqual(before, await WorkersAsync(edge));
        }

        Assert.Contains("prometheus: configuration checked and reloaded", deploy, StringComparison.Ordinal);
        var loaded = await ComposeStackFixture.Run("docker", ["exec", await stack.ContainerAsync("prometheus"), "wget", "-qO-", "http://127.0.0.1:9090/api/v1/status/config"]);
        Assert.Contains("scrape_interval: 16s", loaded, StringComparison.Ordinal);
    }

    // The pids of an edge's processes other than its master (pid 1 in the container).
    private async Task<string> WorkersAsync(string edge)
    {
        var container = await stack.ContainerAsync(edge);
        var processes = await ComposeStackFixture.Run("docker", ["exec", container, "sh", "-c", "for p in /proc/[0-9]*; do [ \"${p#/proc/}\" = 1 ] || [ \"$(cat $p/comm)\" = sh ] || echo \"${p#/proc/}\"; done"]);
        return string.Join(' ', processes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_image_that_never_becomes_ready_is_rolled_back_and_costs_no_request()
    {
        // The real API, listening where neither its health check nor the edges look: never ready. (A
        // command-line URL, because the compose file's ASPNETCORE_HTTP_PORTS overrides an image's ENV.)
        await BuildApiImageAsync(BrokenTag, "ENTRYPOINT [\"/app/HealthAI.Api\", \"--urls=http://127.0.0.1:8001\"]");
        await stack.PublishAsync(BrokenTag);
        var good = await ComposeStackFixture.InspectAsync($"healthai/api:{DeployTag}", "{{.Id}}");
        ToolResult update = null!;

        await DrillAsync("rollback (never ready)", async () =>
            update = await ToolRun.RunAsync("bash", [RepositoryPaths.Of("deploy", "rolling-update.sh"), "--compose-dir", stack.ComposeDirectory, "--timeout", "20"], RepositoryPaths.Root, cancellationToken: Cancel));

        Assert.False(update.Succeeded, update.Output);
        Assert.Contains("healthai-app-1 did not become healthy: rolling it back", update.Output, StringComparison.Ordinal);
        Assert.Equal(good, await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("healthai-app-1"), "{{.Image}}"));
        Assert.Equal("healthy", await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("healthai-app-1"), "{{.State.Health.Status}}"));
        // The update stopped at the first replica: the others still run the previous image.
        Assert.Equal($"healthai/api:{DeployTag}", await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("healthai-app-2"), "{{.Config.Image}}"));
    }

    [Fact]
    public async Task Every_document_a_drill_acknowledged_is_readable_afterwards()
    {
        Assert.NotEmpty(Acknowledged);

        await AssertReadableAsync(Acknowledged);
    }

    [Fact]
    public async Task Compose_down_leaves_no_container_network_or_volume_behind()
    {
        await stack.ComposeAsync(["down", "--volumes", "--remove-orphans"]);

        var label = $"label=com.docker.compose.project={ComposeStackFixture.ProjectName}";
        Assert.Empty((await ComposeStackFixture.Run("docker", ["ps", "--all", "--quiet", "--filter", label])).Trim());
        Assert.Empty((await ComposeStackFixture.Run("docker", ["network", "ls", "--quiet", "--filter", label])).Trim());
        Assert.Empty((await ComposeStackFixture.Run("docker", ["volume", "ls", "--quiet", "--filter", label])).Trim());
    }

    private const string DeployTag = "1.0.1-drill";
    private const string BrokenTag = "1.0.2-never-ready";

    // Shared by the tests of the one stack (the fixture is per class; so are these).
    private static readonly ReportFile Report = new(RepositoryPaths.Of("artifacts", "compose-tests", "report.txt"));
    private static readonly HashSet<string> Acknowledged = new(StringComparer.Ordinal);

    private Uri Edge(string edge) => edge == "nginx" ? stack.Nginx : stack.Haproxy;

    private async Task DrillAsync(string name, Func<Task> drill)
    {
        Report.Add($"-- {name}: drill starts");
        IReadOnlyList<DrillOutcome> outcomes;
        await using (var load = DrillLoad.Start(stack))
        {
            // Load first, so that the fault hits a system under traffic.
            await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
            await drill();
            outcomes = await load.StopAsync();
        }

        foreach (var outcome in outcomes)
        {
            Report.Add(outcome.Describe(name));
            Acknowledged.UnionWith(outcome.AcknowledgedDocuments);
        }

        Assert.All(outcomes, outcome => Assert.True(outcome.Failures.Count == 0, outcome.Describe(name)));
        await AssertReadableAsync(outcomes.SelectMany(o => o.AcknowledgedDocuments));
    }

    private async Task AssertReadableAsync(IEnumerable<string> documents)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);
        foreach (var id in documents.Distinct())
        {
            using var response = await client.GetAsync(new Uri(stack.Nginx, $"/api/documents/{id}"), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"document {id}: {(int)response.StatusCode}");
        }
    }

    // The documents the mixed load searches and asks about, stored through the nginx edge, a few a second.

    private static async Task BuildApiImageAsync(string tag, string instruction)
    {
        var dockerfile = $"FROM healthai/api:{HealthAI.Hosting.HealthAIImageTags.Tag}\n{instruction}\n";
        var result = await ToolRun.RunAsync("bash", ["-c", "DOCKER_BUILDKIT=0 docker build --quiet --tag \"$1\" -", "build", $"healthai/api:{tag}"], RepositoryPaths.Root, dockerfile, Cancel);
        Assert.True(result.Succeeded, result.Output);
    }


}
