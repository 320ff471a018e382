using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthAI.Hosting.Tests;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void A_configured_port_is_kept()
    {
        Assert.Equal(8443, LoopbackPorts.Resolve(8443));
    }

    [Fact]
    public void A_free_port_lies_outside_the_kernel_s_ephemeral_range_and_can_be_bound()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var (low, high) = (int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture));

        var port = LoopbackPorts.Resolve(0);

        Assert.True(port < low || port > high, $"port {port} is inside the ephemeral range {low}-{high}");
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void No_port_is_handed_out_twice()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.Resolve(0)).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
