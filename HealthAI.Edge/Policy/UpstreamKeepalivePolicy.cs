namespace HealthAI.Edge.Policy;

/// <summary>Idle connections the edge keeps open to the upstreams, so requests skip TCP set-up.</summary>
/// <param name="IdleConnections">Idle connections kept (nginx per worker for the group; HAProxy per server).</param>
/// <param name="IdleTimeout">How long an idle connection is kept.</param>
public sealed record UpstreamKeepalivePolicy(int IdleConnections, TimeSpan IdleTimeout)
{
    /// <summary>32 connections, 60 s.</summary>
    public static UpstreamKeepalivePolicy Default { get; } = new(32, TimeSpan.FromSeconds(60));
}
