using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;
using static HealthAI.Edge.Rendering.HaproxyConditions;

namespace HealthAI.Edge.Rendering;

/// <summary>The public frontend: request id, routing, redirect, access, limits, headers, compression.</summary>
internal static class HaproxyFrontendRenderer
{
    public const string ShortRateTable = "edge_rate_short";
    public const string LongRateTable = "edge_rate_long";

    public static void Render(ConfigWriter f, EdgePolicy policy)
    {
        var listeners = policy.Listeners;
        f.Lines(listeners.PublicAddresses.Select(a => $"bind {Bind(a, listeners.HttpPort)}"));
        if (policy.Tls is { } tls)
        {
            f.Lines(listeners.PublicAddresses.Select(a => $"bind {Bind(a, listeners.HttpsPort)} ssl crt {tls.CertificatePath} alpn h2,http/1.1"));
        }

        f.Line(AllowedNetworks(policy));
        f.Lines(HaproxyClientLimits.FrontendRules(policy));
        RenderRequestId(f, policy);
        RenderRouting(f, policy);
        RenderAdmission(f, policy);
        RenderForwarding(f, policy);
        RenderResponses(f, policy);
        foreach (var route in policy.RoutesWithWriteGroup)
        {
            f.Line($"use_backend {policy.WriteUpstreamGroupName} if {RouteIs(route)} {{ method {string.Join(' ', policy.WriteGroupMethods)} }}");
        }

        f.Line($"default_backend {policy.UpstreamGroupName}");
    }

    /// <summary>Security headers and the request id on every response, HAProxy's own errors included.</summary>
    public static IEnumerable<string> ResponseHeaders(EdgePolicy policy) =>
        policy.SecurityHeaders
            .Select(h => $"http-after-response set-header {h.Name} \"{h.Value}\"")
            .Append($"http-after-response set-header {policy.RequestId.HeaderName} %[var(txn.request_id)] if {{ var(txn.request_id) -m found }}");

    private static void RenderRequestId(ConfigWriter f, EdgePolicy policy)
    {
        var header = policy.RequestId.HeaderName.ToUpperInvariant();
        f.Line($"http-request set-var(txn.request_id) req.hdr({header}) if {{ req.hdr({header}) -m reg {policy.RequestId.AcceptedPattern} }}");
        f.Line("http-request set-var(txn.request_id) uuid unless { var(txn.request_id) -m found }");
        f.Line("unique-id-format %[var(txn.request_id)]");
        f.Line($"http-request set-header {policy.RequestId.HeaderName} %[var(txn.request_id)]");
        // Kept for the log line: request headers are gone by the time it is written. The header itself is not touched.
        f.Line("http-request set-var(txn.traceparent) req.hdr(traceparent)");
    }

    private static void RenderRouting(ConfigWriter f, EdgePolicy policy)
    {
        f.Line($"http-request set-var({NormalisedPathVariable}) \"{NormalisedPathExpression}\"");
        // url_dec fails on a bad escape ('%zz', a trailing '%') and leaves the variable unset: refused, so the
        // restricted-path rules below never see a path they cannot read.
        f.Line($"http-request deny deny_status 400 unless {{ var({NormalisedPathVariable}) -m found }}");
        // Kestrel resolves '..' (so '/x/../backup' is '/backup' to the API); a regex cannot, so such paths are refused.
        // Browsers resolve dot segments before sending: only hand-made requests carry them.
        f.Line($"http-request deny deny_status 400 if {{ var({NormalisedPathVariable}) -m reg (^|/)\\.\\.(/|$) }}");
        // Restricted first, as nginx's regex locations win over its prefixes; then most specific first, first match wins.
        foreach (var route in policy.RoutesBySpecificity.OrderBy(r => r.Restricted ? 0 : 1))
        {
            f.Line($"http-request set-var(txn.route) str({route.Name}) if !{{ var(txn.route) -m found }} {PathMatches(route)}");
        }

        foreach (var route in policy.Routes.Where(r => !r.AccessLog))
        {
            f.Line($"http-request set-log-level silent if {RouteIs(route)}");
        }

        foreach (var route in policy.Routes.Where(r => r.Kind == RouteKind.EdgeHealth))
        {
            // Before the redirect: probes use plain HTTP.
            f.Line($"http-request return status 200 content-type text/plain string {route.ResponseBody} if {RouteIs(route)}");
        }

        if (policy.Tls is { RedirectHttp: true })
        {
            var port = policy.Listeners.PublicHttpsPort == 443 ? "" : ":" + Number(policy.Listeners.PublicHttpsPort);
            // A location rather than 'redirect scheme': the scheme form keeps the HTTP port from the Host header.
            f.Line($"http-request redirect location https://%[req.hdr(host),regsub(:[0-9]+$,)]{port}%[capture.req.uri] code 308 unless {{ ssl_fc }}");
        }
    }

    private static void RenderAdmission(ConfigWriter f, EdgePolicy policy)
    {
        if (policy.RestrictedRoutes.Count > 0)
        {
            f.Line($"http-request deny deny_status 403 if {RouteIs(policy.RestrictedRoutes)} !{AllowedNetworkAcl}");
        }

        foreach (var route in policy.Routes.Where(r => r.MaxRequestBodyBytes is not null))
        {
            // Declared lengths only: a chunked body is not measured up front.
            f.Line($"http-request deny deny_status 413 if {RouteIs(route)} {{ req.hdr_val(content-length) gt {Number(route.MaxRequestBodyBytes!.Value)} }}");
        }

        if (policy.RoutesWithAuthorizedWrites.Count > 0)
        {
            // On the headers, before a byte of the body is read: an anonymous upload is refused at once.
            f.Line($"http-request deny deny_status 401 if {RouteIs(policy.RoutesWithAuthorizedWrites)} {{ method {string.Join(' ', policy.WriteGroupMethods)} }} !{{ req.fhdr(authorization) -m len 1: }}");
        }

        if (policy.RateLimitedRoutes.Count == 0)
        {
            return;
        }

        var rate = policy.RateLimit;
        var limited = RouteIs(policy.RateLimitedRoutes);
        // Rendered as a comment too: whoever reads haproxy.cfg should know these numbers are an approximation.
        f.Line($"# Rate limit {Number(rate.RequestsPerSecond)} r/s, burst {Number(rate.Burst)}, as nginx. HAProxy has no leaky bucket, so two windows");
        f.Line($"# bound what the bucket lets through: rate+burst ({Number(rate.ShortWindowLimit)}) in 1 s, rate*{ConfigValues.Seconds(rate.LongWindow)}+burst ({Number(rate.LongWindowLimit)}) in {Duration(rate.LongWindow)}.");
        f.Line("# Denied requests still count, so a client that keeps hammering stays limited (nginx would let it through at the rate).");
        f.Line($"http-request track-sc0 src table {ShortRateTable} if {limited}");
        f.Line($"http-request track-sc1 src table {LongRateTable} if {limited}");
        f.Line($"http-request deny deny_status 429 if {{ sc_http_req_rate(0,{ShortRateTable}) gt {Number(rate.ShortWindowLimit)} }} || {{ sc_http_req_rate(1,{LongRateTable}) gt {Number(rate.LongWindowLimit)} }}");
    }

    private static void RenderForwarding(ConfigWriter f, EdgePolicy policy)
    {
        // The client's own forwarding headers never pass: 'option forwardfor' then adds the peer as the only address.
        f.Line("http-request del-header X-Forwarded-For");
        f.Line("http-request del-header Forwarded");
        f.Line("http-request set-header X-Real-IP %[src]");
        if (policy.FaultHeaders.Removed)
        {
            f.Line($"http-request del-header {policy.FaultHeaders.Prefix} -m beg");
        }
        f.Line("http-request set-header X-Forwarded-Proto https if { ssl_fc }");
        f.Line("http-request set-header X-Forwarded-Proto http unless { ssl_fc }");
        f.Line("http-request set-header X-Forwarded-Host %[req.hdr(host)]");
        var retry = policy.Retry;
        var key = retry.IdempotencyKeyHeader.ToUpperInvariant();
        // Read by the backend's disable-l7-retry: idempotent methods, keyed writes and routes safe to repeat are
        // replayed after a replica may have started them; anything else only on a connection failure.
        var safeRoutes = policy.Routes.Where(r => r.SafeToRepeat && r.IsProxied).ToList();
        var safeRoute = safeRoutes.Count > 0 ? $" || {RouteIs(safeRoutes)}" : "";
        f.Line($"http-request set-var(txn.retryable) bool(true) if {{ method {string.Join(' ', retry.IdempotentMethods)} }} || {{ method {string.Join(' ', retry.WriteMethods)} }} {{ req.hdr({key}) -m found }}{safeRoute}");
    }

    private static void RenderResponses(ConfigWriter f, EdgePolicy policy)
    {
        foreach (var route in policy.Routes.Where(r => r.CacheControl is not null))
        {
            f.Line($"http-response set-header Cache-Control \"{route.CacheControl}\" if {RouteIs(route)} {{ status 200:299 }}");
        }

        f.Lines(ResponseHeaders(policy));
        if (policy.Compression.Enabled)
        {
            f.Line("compression algo gzip");
            f.Line($"compression type {string.Join(' ', policy.Compression.MediaTypes)}");
        }
    }
}
