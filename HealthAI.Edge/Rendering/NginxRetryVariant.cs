namespace HealthAI.Edge.Rendering;

/// <summary>
/// nginx cannot choose <c>proxy_next_upstream</c> by request header, so a proxied route that is not safe to
/// repeat is rendered twice: the normal location, and a named one for keyed writes, which may be replayed.
/// </summary>
internal enum NginxRetryVariant
{
    /// <summary>Replays idempotent methods; a POST or PATCH only if it never reached a replica.</summary>
    Normal,

    /// <summary>Replays any request (<c>non_idempotent</c>): keyed writes, and routes safe to repeat.</summary>
    AnyReplay,
}
