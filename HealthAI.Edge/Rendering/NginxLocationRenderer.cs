using System.Text.RegularExpressions;
using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;
using static HealthAI.Edge.Rendering.NginxProxyDirectives;

namespace HealthAI.Edge.Rendering;

/// <summary>The <c>location</c> blocks of one route, and the problem-details locations.</summary>
internal static class NginxLocationRenderer
{
    private const int KeyedWriteCode = 418;

    public static void RenderRoute(ConfigWriter w, EdgePolicy policy, EdgeRoute route)
    {
        var matcher = Matcher(route);
        switch (route.Kind)
        {
            case RouteKind.EdgeHealth:
                w.Block(matcher, l =>
                {
                    l.Line("access_log off;");
                    l.Line("default_type text/plain;");
                    l.Line($"return 200 '{route.ResponseBody}';");
                });
                break;
            case RouteKind.Static:
                w.Block(matcher, l =>
                {
                    var trailing = route.Path.EndsWith('/') ? "/" : "";
                    l.Line($"alias {route.StaticDirectory!.TrimEnd('/')}{trailing};");
                    CommonRouteLines(l, policy, route);
                    // This block has its own add_header, so it would otherwise lose every inherited one.
                    l.Lines(ResponseHeaders(policy));
                    if (route.CacheControl is { } cache)
                    {
                        // Not 'always': a 404 must not be cached for a year.
                        l.Line($"add_header Cache-Control \"{cache}\";");
                    }
                });
                break;
            default:
                if (route.SafeToRepeat)
                {
                    w.Block(matcher, l => RenderProxied(l, policy, route, NginxRetryVariant.AnyReplay));
                    break;
                }

                w.Block(matcher, l => RenderProxied(l, policy, route, NginxRetryVariant.Normal));
                w.Block($"location {KeyedWriteLocation(route)}", l => RenderProxied(l, policy, route, NginxRetryVariant.AnyReplay));
                break;
        }
    }

    /// <summary>
    /// Restricted routes are case-insensitive regexes: nginx tests them on the decoded, dot-resolved, slash-merged
    /// $uri, and a regex location wins over every prefix location, so no other route can shadow them.
    /// </summary>
    private static string Matcher(EdgeRoute route) => (route.Restricted, route.Match) switch
    {
        (true, PathMatch.Exact) => $"location ~* ^{Regex.Escape(route.Path)}$",
        (true, _) => $"location ~* ^{Regex.Escape(route.Path)}",
        (false, PathMatch.Exact) => $"location = {route.Path}",
        _ => $"location {route.Path}",
    };

    public static void RenderProblem(ConfigWriter w, EdgePolicy policy, EdgeProblem problem) =>
        w.Block($"location = {ProblemLocation(problem)}", l =>
        {
            l.Line("internal;");
            // The redirect here checks the body's declared length again: without this a 401 to a large upload became 413.
            l.Line("client_max_body_size 0;");
            // An empty types table makes default_type win even when the failed URI ended in .css or .js.
            l.Line("types { }");
            l.Line($"default_type {EdgeProblem.MediaType};");
            l.Lines(ResponseHeaders(policy, problem.Headers));
            l.Line($"return {Number(problem.Status)} '{problem.ToJson()}';");
        });

    private static void RenderProxied(ConfigWriter l, EdgePolicy policy, EdgeRoute route, NginxRetryVariant variant)
    {
        CommonRouteLines(l, policy, route);
        if (route.RateLimited)
        {
            // nodelay: the burst is served at once instead of being queued behind the rate.
            l.Line($"limit_req zone={NginxConfigRenderer.RateLimitZone} burst={Number(policy.RateLimit.Burst)} nodelay;");
        }

        if (route.WritesNeedAuthorization)
        {
            // In the rewrite phase, before the body is read: an anonymous upload is refused at once, not after it arrived.
            l.Block($"if ({NginxConfigRenderer.AnonymousWriteVariable})", b => b.Line("return 401;"));
        }

        if (variant == NginxRetryVariant.Normal)
        {
            // Declaring error_page here drops the server's list, so it is repeated in full.
            l.Lines(ErrorPages(policy));
            l.Line($"error_page {Number(KeyedWriteCode)} = {KeyedWriteLocation(route)};");
            // proxy_next_upstream cannot depend on a header: a keyed write goes to the location that may replay it.
            // Everything else keeps the inherited rule, under which nginx replays a POST or PATCH only if it
            // never reached a replica (refused, reset before it was written, no live upstream).
            l.Block($"if ({NginxConfigRenderer.RetryClassVariable} = keyed_write)", b => b.Line($"return {Number(KeyedWriteCode)};"));
        }
        else
        {
            // A keyed write (the API deduplicates on the key) or a route safe to repeat: replaying it after a
            // replica may have started it does no harm.
            l.Line($"proxy_next_upstream {NextUpstreamConditions(policy.Retry.On)} non_idempotent;");
        }

        if (route.UpstreamPath is { } upstreamPath)
        {
            // After the ifs: 'break' ends rewrite processing. Query strings are kept by rewrite.
            var caseless = route.Restricted ? "(?i)" : "";
            var pattern = route.Match == PathMatch.Exact ? "^" : $"{caseless}^{Regex.Escape(route.Path)}(.*)$";
            var replacement = route.Match == PathMatch.Exact ? upstreamPath : upstreamPath + "$1";
            l.Line($"rewrite {pattern} {replacement} break;");
        }

        l.Lines(Proxy(policy, route));
    }

    private static void CommonRouteLines(ConfigWriter l, EdgePolicy policy, EdgeRoute route)
    {
        if (route.MaxRequestBodyBytes is { } max)
        {
            // In the named locations too: a chunked body is checked against the location that reads it.
            l.Line($"client_max_body_size {Size(max)};");
        }

        if (!route.AccessLog)
        {
            l.Line("access_log off;");
        }

        l.Lines(AccessRules(policy, route));
    }

    private static string KeyedWriteLocation(EdgeRoute route) => $"@{route.Name}_keyed_write";
}
