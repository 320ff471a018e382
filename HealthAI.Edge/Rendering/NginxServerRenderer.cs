using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;
using static HealthAI.Edge.Rendering.NginxProxyDirectives;

namespace HealthAI.Edge.Rendering;

/// <summary>The <c>server</c> blocks: public (HTTPS or HTTP), the HTTP redirect, and the loopback status server.</summary>
internal static class NginxServerRenderer
{
    public static void RenderServers(ConfigWriter w, EdgePolicy policy)
    {
        var listeners = policy.Listeners;
        if (policy.Tls is { RedirectHttp: true })
        {
            w.Block("server", s =>
            {
                s.Lines(listeners.PublicAddresses.Select(a => $"listen {Bind(a, listeners.HttpPort)};"));
                s.Line($"server_name {policy.ServerName};");
                s.Lines(ResponseHeaders(policy));
                // The edge health stays on plain HTTP so load balancers and probes need no certificate.
                foreach (var route in policy.RoutesBySpecificity.Where(r => r.Kind == RouteKind.EdgeHealth))
                {
                    NginxLocationRenderer.RenderRoute(s, policy, route);
                }

                var port = listeners.PublicHttpsPort == 443 ? "" : ":" + Number(listeners.PublicHttpsPort);
                // 308, not 301: a client repeats a POST as a POST, with its body, instead of turning it into a GET.
                s.Block("location /", l => l.Line($"return 308 https://$host{port}$request_uri;"));
            });
            w.Line();
        }

        w.Block("server", s => RenderPublicServer(s, policy));
        w.Line();
        w.Block("server", s => RenderStatusServer(s, policy));
    }

    private static void RenderPublicServer(ConfigWriter s, EdgePolicy policy)
    {
        var listeners = policy.Listeners;
        if (policy.Tls is not { } tls || !tls.RedirectHttp)
        {
            s.Lines(listeners.PublicAddresses.Select(a => $"listen {Bind(a, listeners.HttpPort)};"));
        }

        if (policy.Tls is { } t)
        {
            // nginx 1.22 predates the 'http2 on;' directive (1.25.1): HTTP/2 is a listen parameter here.
            s.Lines(listeners.PublicAddresses.Select(a => $"listen {Bind(a, listeners.HttpsPort)} ssl http2;"));
        }

        s.Line($"server_name {policy.ServerName};");
        if (policy.Tls is { } settings)
        {
            RenderTls(s, settings);
        }

        s.Lines(ResponseHeaders(policy));
        s.Lines(ErrorPages(policy));
        // Errors raised inside a location reached through error_page (the write-retry locations) get problem bodies too.
        s.Line("recursive_error_pages on;");
        s.Line();
        foreach (var route in policy.RoutesBySpecificity)
        {
            NginxLocationRenderer.RenderRoute(s, policy, route);
        }

        // A problem answered as another needs no location of its own.
        foreach (var problem in policy.Problems.Where(p => p.AnsweredAs is null))
        {
            NginxLocationRenderer.RenderProblem(s, policy, problem);
        }
    }

    private static void RenderTls(ConfigWriter s, TlsPolicy tls)
    {
        s.Line($"ssl_certificate {tls.CertificatePath};");
        s.Line($"ssl_certificate_key {tls.KeyPath};");
        s.Line(tls.MinimumVersion == TlsProtocolVersion.Tls13 ? "ssl_protocols TLSv1.3;" : "ssl_protocols TLSv1.2 TLSv1.3;");
        if (tls.MinimumVersion == TlsProtocolVersion.Tls12)
        {
            s.Line($"ssl_ciphers {string.Join(':', tls.Tls12Ciphers)};");
        }

        s.Line($"ssl_conf_command Ciphersuites {string.Join(':', TlsPolicy.Tls13CipherSuites)};");
        // Every suite offered is strong, so the client may pick the one its hardware does fastest.
        s.Line("ssl_prefer_server_ciphers off;");
        s.Line("ssl_session_cache shared:EdgeTLS:10m;");
        s.Line("ssl_session_timeout 1d;");
        // Tickets without key rotation would undo forward secrecy.
        s.Line("ssl_session_tickets off;");
    }

    private static void RenderStatusServer(ConfigWriter s, EdgePolicy policy)
    {
        var status = policy.Status;
        s.Line($"listen {Bind(status.Address, status.Port)};");
        s.Line($"server_name {policy.ServerName};");
        s.Line("access_log off;");
        s.Lines(ResponseHeaders(policy));
        var statusRoute = new EdgeRoute { Name = "stub_status", Path = status.StubStatusPath, Restricted = true };
        s.Block($"location = {status.StubStatusPath}", l =>
        {
            l.Line("stub_status;");
            l.Lines(AccessRules(policy, statusRoute));
        });
        s.Block("location /", l => l.Line("return 404;"));
    }
}
