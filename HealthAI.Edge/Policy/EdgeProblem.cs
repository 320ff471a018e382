using System.Globalization;
using System.Text.Json;

namespace HealthAI.Edge.Policy;

/// <summary>An error the edge answers itself, as an RFC 9457 <c>application/problem+json</c> body.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Title">Short summary.</param>
/// <param name="Detail">Explanation for the client.</param>
public sealed record EdgeProblem(int Status, string Title, string Detail)
{
    /// <summary>Media type of problem details.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>Extra headers sent with the problem (e.g. <c>Retry-After</c> on 429).</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];

    /// <summary>
    /// The status of the problem the edge answers this error with instead, where the tool can (nginx), or null.
    /// </summary>
    public int? AnsweredAs { get; init; }

    /// <summary>
    /// The body, compact and with no single quote, so both tools can carry it in a single-quoted string.
    /// </summary>
    public string ToJson() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"type":"about:blank","title":{{JsonSerializer.Serialize(Title)}},"status":{{Status}},"detail":{{JsonSerializer.Serialize(Detail)}}}""");

    /// <summary>
    /// The errors the edge itself produces. Its 503 (no replica to send to) carries <c>Retry-After</c>, as the
    /// API's own 503s do. nginx's own 502 is mostly "no live upstreams": every replica was just marked failed,
    /// for instance because each answered 503 while the knowledge base switched to a new primary (any
    /// retried status counts as a failure in nginx) and the request went on to the next. That is the same
    /// unavailability HAProxy answers 503 for, so nginx answers it as the 503 problem.
    /// </summary>
    /// <param name="retryAfterSeconds">Value of <c>Retry-After</c> on 429 and 503.</param>
    /// <param name="writeChallenge">Value of <c>WWW-Authenticate</c> on 401.</param>
    public static IReadOnlyList<EdgeProblem> Standard(int retryAfterSeconds, string writeChallenge) =>
    [
        new(400, "Bad Request", "The edge could not parse the request."),
        new(401, "Unauthorized", "A bearer token is required.") { Headers = [new("WWW-Authenticate", writeChallenge)] },
        new(403, "Forbidden", "This path is restricted to internal networks."),
        new(404, "Not Found", "No such file."),
        new(413, "Content Too Large", "The request body exceeds the limit of this path."),
        new(429, "Too Many Requests", "Rate limit exceeded; retry after the Retry-After delay.")
        {
            Headers = [new("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture))],
        },
        new(500, "Internal Server Error", "The edge failed to process the request."),
        new(502, "Bad Gateway", "No API replica gave a valid answer.") { AnsweredAs = 503 },
        new(503, "Service Unavailable", "No API replica is available; retry after the Retry-After delay.")
        {
            Headers = [new("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture))],
        },
        new(504, "Gateway Timeout", "No API replica answered in time."),
    ];
}
