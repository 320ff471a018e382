using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using HealthAI.ServiceDefaults;

namespace HealthAI.Api.Tests;

public sealed class HealthProbeTests
{
    [Fact]
    public void Only_a_probe_of_an_http_URL_is_a_probe()
    {
        Assert.True(HealthProbe.IsRequested(["--probe", "http://127.0.0.1:8000/readyz"], out var target));
        Assert.Equal(8000, target.Port);
        Assert.False(HealthProbe.IsRequested(["--probe", "file:///etc/passwd"], out _));
        Assert.False(HealthProbe.IsRequested(["--urls", "http://x"], out _));
        Assert.False(HealthProbe.IsRequested([], out _));
    }

    [Fact]
    public async Task A_probe_of_a_ready_endpoint_exits_0_and_of_an_unready_or_absent_one_exits_1()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.MapGet("/readyz", () => "Healthy");
        server.MapGet("/draining", () => Results.StatusCode(503));
        await server.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(server.Urls.First());
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ready = await HealthProbe.RunAsync(new Uri(address, "/readyz"));
        var unready = await HealthProbe.RunAsync(new Uri(address, "/draining"));
        var refused = await HealthProbe.RunAsync(new Uri($"http://127.0.0.1:{closedPort}/readyz"));

        Assert.Equal(0, ready);
        Assert.Equal(1, unready);
        Assert.Equal(1, refused);
    }
}
