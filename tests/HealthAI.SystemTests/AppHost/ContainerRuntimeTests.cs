using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// <c>./healthai up</c> with a Docker daemon: nginx, HAProxy, Prometheus, Alertmanager and the nginx exporter run
/// from the project's own non-root images (<c>./healthai images</c>) on the host's network, the replicas on the host,
/// so the edges see each loopback client's own address. Their run
/// directories are the AppHost's and private, so this proves the images' users can still write pid and temp
/// files there and read their configuration and key: a body larger than nginx's memory buffer passes
/// (<c>client_body_temp</c>), and Prometheus writes its TSDB and scrapes. Like the compose tests, it needs a
/// daemon (<c>./healthai test</c> starts one when none answers) and fails, saying so, when none does.
/// </summary>
public sealed class ContainerRuntimeTests(ContainerRuntimeTests.ContainerSystem containers) : IClassFixture<ContainerRuntimeTests.ContainerSystem>
{
    private HealthAISystem System => containers.System;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task A_containerised_edge_serves_the_replicas_over_https(string edge)
    {
        using var client = LoopbackClients.Create(trustedEdgeCertificate: System.EdgeCertificate);

        using var response = await client.GetAsync(System.Endpoint(edge, "https"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("nginx", 1)]
    [InlineData("haproxy", 2)]
    public async Task A_containerised_edge_sees_each_client_own_address(string edge, int test)
    {
        // Behind Docker's port proxy every loopback client would be the bridge's gateway: one rate-limit bucket for
        // all, and refused by a loopback-only allow-list.
        var https = System.Endpoint(edge, "https");
        await ClientAddressChecks.FloodingClientAloneIsLimitedAsync(https, System.EdgeCertificate, $"127.97.{test}.1", $"127.97.{test}.2", Cancel);
        await ClientAddressChecks.AllowListTellsClientsApartAsync(https, System.EdgeCertificate, "127.0.0.1", $"127.97.{test}.3", Cancel);
    }

    [Fact]
    public async Task The_containerised_nginx_serves_the_question_page()
    {
        using var client = LoopbackClients.Create(trustedEdgeCertificate: System.EdgeCertificate);

        using var response = await client.GetAsync(new Uri(System.Endpoint("nginx", "https"), "/static/index.html"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_larger_than_nginx_memory_buffer_passes_the_containerised_edge()
    {
        using var client = System.EditorClient();
        client.DefaultRequestVersion = HttpVersion.Version11;
        var document = new
        {
            title = $"Container body {Guid.NewGuid():N}",
            // About 200 KB: nginx keeps 16 KB in memory and writes the rest to client_body_temp in its run directory.
            text = string.Join(' ', Enumerable.Repeat("Hydration keeps the kidneys filtering blood well.", 4000)),
            source = "https://example.org/container-body",
            tags = new[] { "test" },
        };
        using var response = await client.PostAsJsonAsync(new Uri(System.Endpoint("nginx", "https"), "/api/documents"), document, Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    [Fact]
    public async Task Containerised_Prometheus_keeps_its_data_and_scrapes_the_replicas()
    {
        using var client = new HttpClient { BaseAddress = System.Endpoint("prometheus") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string[] up = [];
        while (DateTime.UtcNow < deadline)
        {
            using var targets = JsonDocument.Parse(await client.GetStringAsync("/api/v1/targets?state=active", Cancel));
            up = [.. targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(target => target.GetProperty("health").GetString() == "up")
                .Select(target => target.GetProperty("labels").GetProperty("resource").GetString()!)];
            if (HealthAIAppFixture.Replicas.All(up.Contains))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        }

        Assert.Superset(HealthAIAppFixture.Replicas.ToHashSet(), up.ToHashSet());
    }

    /// <summary>One container-mode system for the class: it takes a minute to start on two cores.</summary>
    public sealed class ContainerSystem : IAsyncLifetime
    {
        private static readonly string[] Monitoring = ["prometheus", "alertmanager", "nginx-exporter", "nginx-mtail"];

        private HealthAISystem? _system;

        public HealthAISystem System => _system ?? throw new InvalidOperationException("The container-mode system did not start.");

        public async ValueTask InitializeAsync()
        {
            var docker = await ToolRun.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], cancellationToken: Cancel);
            if (!docker.Succeeded)
            {
                throw new InvalidOperationException($"No Docker daemon answers (`./healthai test` starts one when it can): {docker.Output}");
            }

            _system = await AppHostLauncher.StartAsync<Projects.HealthAI_AppHost>(
                TimeSpan.FromMinutes(4),
                // Later arguments win over the launcher's HostProcess: this run chooses containers. The launcher's
                // loopback-only allow-list stays: the containers run on the host's network, as host processes do.
                [
                    "HealthAI:Runtime=Container",
                    "HealthAI:Monitoring:GrafanaPort=0",
                    "HealthAI:Monitoring:ScrapeInterval=00:00:01",
                    "HealthAI:Monitoring:ApiScrapeInterval=00:00:01",
                ],
                alsoWaitFor: Monitoring,
                cancellationToken: Cancel);
        }

        public async ValueTask DisposeAsync()
        {
            if (_system is not null)
            {
                await _system.DisposeAsync();
            }
        }
    }
}
