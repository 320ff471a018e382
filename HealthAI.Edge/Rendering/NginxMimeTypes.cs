namespace HealthAI.Edge.Rendering;

/// <summary>
/// A small self-contained <c>types {}</c> table: a host-process nginx must not depend on
/// <c>/etc/nginx/mime.types</c> existing, and static assets need correct types for nosniff.
/// </summary>
internal static class NginxMimeTypes
{
    public static IReadOnlyList<(string MediaType, string Extensions)> Table { get; } =
    [
        ("text/html", "html htm"),
        ("text/css", "css"),
        ("text/plain", "txt"),
        ("application/javascript", "js mjs"),
        ("application/json", "json map"),
        ("application/manifest+json", "webmanifest"),
        ("application/wasm", "wasm"),
        ("image/svg+xml", "svg"),
        ("image/png", "png"),
        ("image/jpeg", "jpg jpeg"),
        ("image/gif", "gif"),
        ("image/webp", "webp"),
        ("image/x-icon", "ico"),
        ("font/woff", "woff"),
        ("font/woff2", "woff2"),
    ];
}
