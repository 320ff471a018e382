namespace HealthAI.Edge.Rendering;

/// <summary>
/// nginx cannot choose <c>proxy_next_upstream</c> by request header, so each proxied route is rendered three
/// times: the normal location, and named locations for keyed writes and for writes that must not be replayed.
/// </summary>
internal enum NginxRetryVariant
{
    Normal,
    KeyedWrite,
    NoRetry,
}
