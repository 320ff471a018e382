using HealthAI.Edge.Rendering;
using HealthAI.Edge.Tests.Support;
using HealthAI.Hosting;

namespace HealthAI.Edge.Tests;

/// <summary>Every rendering passes its own tool's check: <c>nginx -t</c> and <c>haproxy -c</c>.</summary>
public sealed class ToolCheckTests
{
    private const string Nginx = "/usr/sbin/nginx";
    private const string Haproxy = "/usr/sbin/haproxy";

    [Theory]
    [MemberData(nameof(Topologies.Names), MemberType = typeof(Topologies))]
    public async Task Nginx_accepts_the_rendered_config(string topology)
    {
        Assert.True(File.Exists(Nginx), "nginx is not installed: run scripts/install-host-packages.sh.");
        using var run = new TempDirectory();
        var policy = Topologies.Build(topology, run.Path, EdgeTool.Nginx);
        var file = Path.Combine(run.Path, "nginx.conf");
        await File.WriteAllTextAsync(file, NginxConfigRenderer.Render(policy), TestContext.Current.CancellationToken);

        var result = await ToolRun.RunAsync(Nginx, ["-t", "-p", run.Path, "-c", file], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, $"nginx -t rejected the config for '{topology}':\n{result.Output}");
        Assert.DoesNotContain("[warn]", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Topologies.Names), MemberType = typeof(Topologies))]
    public async Task Haproxy_accepts_the_rendered_config(string topology)
    {
        Assert.True(File.Exists(Haproxy), "HAProxy is not installed: run scripts/install-host-packages.sh.");
        using var run = new TempDirectory();
        var policy = Topologies.Build(topology, run.Path, EdgeTool.Haproxy);
        var file = Path.Combine(run.Path, "haproxy.cfg");
        await File.WriteAllTextAsync(file, HaproxyConfigRenderer.Render(policy), TestContext.Current.CancellationToken);

        var result = await ToolRun.RunAsync(Haproxy, ["-c", "-f", file], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, $"haproxy -c rejected the config for '{topology}':\n{result.Output}");
        Assert.DoesNotContain("[WARNING]", result.Output, StringComparison.Ordinal);
    }
}
