namespace HealthAI.Edge.Policy;

/// <summary>
/// The request id: taken from the client when it looks like an id, generated otherwise, forwarded to the
/// upstream, returned to the client and logged.
/// </summary>
public sealed record RequestIdPolicy
{
    /// <summary>Header carrying the id.</summary>
    public string HeaderName { get; init; } = "X-Request-ID";

    /// <summary>
    /// Client ids must match this: anything else (huge, or with quotes and newlines) is replaced, so a client
    /// cannot forge log lines through it.
    /// </summary>
    public string AcceptedPattern { get; init; } = "^[A-Za-z0-9._:-]{1,128}$";

    /// <summary>The defaults above.</summary>
    public static RequestIdPolicy Default { get; } = new();
}
