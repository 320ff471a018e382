namespace HealthAI.Edge.Policy;

/// <summary>Upstream timeouts of a route.</summary>
/// <param name="Connect">Connecting to an upstream: short, so a dead replica is skipped quickly.</param>
/// <param name="Send">Inactivity while sending the request to the upstream.</param>
/// <param name="Read">Inactivity while reading the upstream's response.</param>
public sealed record RouteTimeouts(TimeSpan Connect, TimeSpan Send, TimeSpan Read)
{
    /// <summary>Same send and read timeout, 5 s connect.</summary>
    public static RouteTimeouts Of(TimeSpan sendAndRead) => new(TimeSpan.FromSeconds(5), sendAndRead, sendAndRead);

    /// <summary>The longer of send and read: HAProxy has one server inactivity timeout for both.</summary>
    public TimeSpan Longest => Send > Read ? Send : Read;
}
