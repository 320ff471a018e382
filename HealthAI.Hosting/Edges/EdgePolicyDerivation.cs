using HealthAI.Edge.Policy;

namespace HealthAI.Hosting;

/// <summary>
/// The one function from an edge of the app model and a target's placement to its policy. The local run
/// and both publishers call it, so they can differ only in addresses, paths and ports.
/// </summary>
public static class EdgePolicyDerivation
{
    /// <summary>The policy of the edge configured by <paramref name="configuration"/>, placed by <paramref name="placement"/>.</summary>
    public static EdgePolicy Derive(EdgeConfiguration configuration, EdgePlacement placement)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(placement);
        var policy = EdgePolicy.Default(placement.Upstreams, placement.HostPaths, placement.StatsPassword, placement.Tls) with
        {
            Routes = EdgeRoutes.Default(placement.StaticDirectory, configuration.Tuning.BodyLimits),
            Listeners = new EdgeListeners
            {
                PublicAddresses = [placement.ListenAddress],
                HttpPort = placement.HttpPort,
                HttpsPort = placement.HttpsPort,
                RedirectHttpsPort = placement.PublishedHttpsPort,
            },
            Access = new AccessPolicy { AllowedNetworks = configuration.AllowedNetworks },
            RequestLogStream = configuration.RequestLogStreamPort is { } port
                ? new RequestLogStreamPolicy(port) { Address = placement.RequestLogAddress ?? RequestLogStreamPolicy.LoopbackAddress }
                : null,
        };
        if (placement.KnowledgeBaseSwitchesPrimary)
        {
            policy = policy with
            {
                Routes = [.. policy.Routes.Select(route => route.WaitsOutPrimarySwitch
                    ? route with { Timeouts = route.Timeouts with { Send = EdgeRoutes.SwitchReadTimeout, Read = EdgeRoutes.SwitchReadTimeout } }
                    : route)],
            };
        }

        // The operator's route timeouts and a model's budget come last: they know what their requests need.
        policy = configuration.Tuning.ApplyTo(policy, configuration.Upstreams.Count);
        policy = policy with
        {
            // The allow-list applies to the status listener whatever address it binds.
            Status = policy.Status with
            {
                Address = placement.ListenAddress,
                Port = placement.StatusPort,
                StatsPasswordVariable = placement.StatsPasswordVariable,
            },
        };

        foreach (var adjust in configuration.PolicyAdjustments)
        {
            policy = adjust(policy);
        }

        policy.EnsureValid();
        return policy;
    }
}
