namespace HealthAI.Edge.Policy;

/// <summary>Headers sent on every response, errors and static files included.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// nosniff, no framing, strict referrer, HSTS for a year, and <c>X-XSS-Protection: 0</c>: the old
    /// auditor's "block" mode is gone from current browsers and in old ones could be abused to blank pages.
    /// </summary>
    public static IReadOnlyList<HttpHeader> Default { get; } =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        new("X-XSS-Protection", "0"),
        new("Content-Security-Policy", ContentSecurityPolicy),
    ];

    /// <summary>
    /// The question page's own files and its calls to the API, nothing inline and nothing from elsewhere: a snippet that
    /// carried markup past the API's escaping could still run no script.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
