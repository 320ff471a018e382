using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Edge.Policy;

namespace HealthAI.Hosting;

/// <summary>
/// The local run's placement of an edge: the ports the app model allocated, on loopback. A container edge runs on
/// the host's network (<see cref="HostNetworkContainer"/>), so only the paths it sees differ from a host process's.
/// </summary>
public static class EdgePolicyFactory
{
    /// <summary>The policy of <paramref name="edge"/> in the local run, once its upstreams' ports are allocated.</summary>
    public static async Task<EdgePolicy> CreateAsync(IEdgeResource edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var upstream in edge.Configuration.Upstreams)
        {
            var port = await upstream.Endpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
            ports[upstream.Endpoint.Resource.Name] = int.Parse(port ?? "0", CultureInfo.InvariantCulture);
        }

        return Create(edge, ports);
    }

    /// <summary>The policy of <paramref name="edge"/> in the local run, its upstreams on <paramref name="upstreamPorts"/> (by resource name).</summary>
    public static EdgePolicy Create(IEdgeResource edge, IReadOnlyDictionary<string, int> upstreamPorts)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(upstreamPorts);
        return EdgePolicyDerivation.Derive(edge.Configuration, Placement(edge, upstreamPorts));
    }

    private static EdgePlacement Placement(IEdgeResource edge, IReadOnlyDictionary<string, int> upstreamPorts)
    {
        var configuration = edge.Configuration;
        const string upstreamHost = "127.0.0.1";
        var runDirectory = edge.SeenRunDirectory;
        var paths = new EdgeHostPaths(runDirectory);
        return new EdgePlacement
        {
            Upstreams = [.. configuration.Upstreams.Select(upstream =>
            {
                var name = upstream.Endpoint.Resource.Name;
                return new Upstream(name, upstreamHost, upstreamPorts[name], upstream.Role) { Drained = configuration.DrainedUpstreams.Contains(name) };
            })],
            HostPaths = paths,
            StaticDirectory = edge.InContainer || configuration.StaticDirectory is null ? paths.DefaultStaticDirectory : configuration.StaticDirectory,
            Tls = configuration.Certificate is null ? null : edge.Tool.Tls(EdgeCertificate.At(Path.Combine(runDirectory, "tls"))),
            ListenAddress = "127.0.0.1",
            KnowledgeBaseSwitchesPrimary = configuration.LocalKnowledgeBaseSwitchesPrimary,
            HttpPort = Port(edge, EdgeConfiguration.HttpEndpointName),
            HttpsPort = Port(edge, EdgeConfiguration.HttpsEndpointName),
            StatusPort = Port(edge, EdgeConfiguration.StatusEndpointName),
            StatsPassword = configuration.StatsPassword,
        };
    }

    /// <summary>The port an endpoint of <paramref name="edge"/> was given in the app model.</summary>
    public static int Port(IEdgeResource edge, string endpointName)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpointName).Port
            ?? throw new InvalidOperationException($"The {endpointName} endpoint of {edge.Name} has no port.");
    }
}
