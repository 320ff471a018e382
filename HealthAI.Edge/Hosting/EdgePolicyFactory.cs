using System.Globalization;
using HealthAI.Edge.Policy;

namespace HealthAI.Edge.Hosting;

/// <summary>Builds an edge's policy from its configuration and the ports the app model allocated.</summary>
internal static class EdgePolicyFactory
{
    // Replicas run on the host; a containerised edge reaches them through the runtime's host gateway.
    private const string HostGateway = "host.docker.internal";

    public static async Task<EdgePolicy> CreateAsync(IEdgeResource edge, bool inContainer, CancellationToken cancellationToken)
    {
        var configuration = edge.Configuration;
        var upstreamHost = inContainer ? HostGateway : "127.0.0.1";
        var upstreams = new List<Upstream>();
        foreach (var upstream in configuration.Upstreams)
        {
            var port = int.Parse(await upstream.Endpoint.Property(Aspire.Hosting.ApplicationModel.EndpointProperty.Port).GetValueAsync(cancellationToken) ?? "0", CultureInfo.InvariantCulture);
            var name = upstream.Endpoint.Resource.Name;
            upstreams.Add(new Upstream(name, upstreamHost, port, upstream.Role) { Drained = configuration.DrainedUpstreams.Contains(name) });
        }

        var runDirectory = inContainer ? EdgeTool.ContainerRunDirectory : configuration.RunDirectory;
        var paths = new EdgeHostPaths(runDirectory);
        var staticDirectory = inContainer || configuration.StaticDirectory is null ? paths.DefaultStaticDirectory : configuration.StaticDirectory;
        var listenAddress = inContainer ? "0.0.0.0" : "127.0.0.1";
        var policy = EdgePolicy.Default(upstreams, paths, configuration.StatsPassword, Tls(edge, runDirectory)) with
        {
            Routes = EdgeRoutes.Default(staticDirectory),
            Listeners = new EdgeListeners
            {
                PublicAddresses = [listenAddress],
                HttpPort = Port(edge, EdgeConfiguration.HttpEndpointName),
                HttpsPort = Port(edge, EdgeConfiguration.HttpsEndpointName),
            },
            Access = new AccessPolicy { AllowedNetworks = configuration.AllowedNetworks },
            // Every upstream may be tried once: with all primaries down the backup is the last try.
            Retry = RetryPolicy.Default with { Tries = Math.Max(1, upstreams.Count) },
        };
        policy = policy with
        {
            Status = policy.Status with { Address = listenAddress, Port = Port(edge, EdgeConfiguration.StatusEndpointName) },
        };

        foreach (var adjust in configuration.PolicyAdjustments)
        {
            policy = adjust(policy);
        }

        policy.EnsureValid();
        return policy;
    }

    private static TlsPolicy? Tls(IEdgeResource edge, string runDirectory)
    {
        if (edge.Configuration.Certificate is null)
        {
            return null;
        }

        var inRunDirectory = EdgeCertificate.At(Path.Combine(runDirectory, "tls"));
        return edge.Tool.Tls(inRunDirectory);
    }

    private static int Port(IEdgeResource edge, string endpointName) =>
        edge.Annotations.OfType<Aspire.Hosting.ApplicationModel.EndpointAnnotation>().Single(e => e.Name == endpointName).Port
        ?? throw new InvalidOperationException($"The {endpointName} endpoint of {edge.Name} has no port.");
}
