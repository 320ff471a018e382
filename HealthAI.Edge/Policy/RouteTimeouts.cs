namespace HealthAI.Edge.Policy;

/// <summary>Upstream timeouts of a route.</summary>
/// <param name="Connect">Connecting to an upstream: short, so a dead replica is skipped quickly.</param>
/// <param name="Send">Inactivity while sending the request to the upstream.</param>
/// <param name="Read">Inactivity while reading the upstream's response.</param>
public sealed record RouteTimeouts(TimeSpan Connect, TimeSpan Send, TimeSpan Read)
{
    /// <summary>
    /// Connecting to a replica: 1 s. Replicas are on the same host or network, where a connect takes
    /// milliseconds; a dropped SYN (a black-holed path) then costs one second before the next replica is tried.
    /// </summary>
    public static TimeSpan DefaultConnect { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Same send and read timeout, <see cref="DefaultConnect"/> to connect.</summary>
    public static RouteTimeouts Of(TimeSpan sendAndRead) => new(DefaultConnect, sendAndRead, sendAndRead);

    /// <summary>The longer of send and read: HAProxy has one server inactivity timeout for both.</summary>
    public TimeSpan Longest => Send > Read ? Send : Read;
}
