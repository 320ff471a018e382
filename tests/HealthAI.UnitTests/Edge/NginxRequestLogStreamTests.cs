using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>nginx's request log stream for mtail: rendered only when the policy asks, in the shape mtail's program reads.</summary>
public sealed class NginxRequestLogStreamTests
{
    private static readonly EdgePolicy Streaming = Policies.Default() with { RequestLogStream = new RequestLogStreamPolicy(5140) };

    [Fact]
    public void Nginx_sends_one_newline_terminated_line_a_request_to_loopback_udp_without_blocking()
    {
        var text = NginxConfigRenderer.Render(Streaming);

        Assert.Contains("log_format edge_metrics escape=none 'status=$status upstream_header_time=\"$upstream_header_time\"\\n';", text, StringComparison.Ordinal);
        Assert.Contains("access_log syslog:server=127.0.0.1:5140,nohostname,tag=healthai_edge edge_metrics;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_stream_is_rendered_unless_the_policy_asks_and_HAProxy_never_renders_one()
    {
        Assert.DoesNotContain("syslog:", NginxConfigRenderer.Render(Policies.Default()), StringComparison.Ordinal);
        Assert.DoesNotContain("healthai_edge", HaproxyConfigRenderer.Render(Streaming), StringComparison.Ordinal);
    }

    [Fact]
    public void The_mtail_program_reads_the_tag_and_fields_nginx_sends()
    {
        var program = File.ReadAllText(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "mtail", "nginx-requests.mtail"));

        Assert.Contains($" {RequestLogStreamPolicy.DefaultTag}: status=(?P<status>\\d{{3}}) upstream_header_time=\"", program, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "127.0.0.1", "healthai_edge", "RequestLogStream.Port")]
    [InlineData(5140, "localhost", "healthai_edge", "RequestLogStream.Address")]
    [InlineData(5140, "127.0.0.1", "healthai-edge", "RequestLogStream.Tag")]
    public void A_bad_stream_setting_is_refused_by_name(int port, string address, string tag, string setting)
    {
        var policy = Policies.Default() with { RequestLogStream = new RequestLogStreamPolicy(port) { Address = address, Tag = tag } };

        Assert.Contains(policy.Validate(), error => error.StartsWith(setting, StringComparison.Ordinal));
    }
}
