using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HealthAI.Testing;

/// <summary>
/// HTTP clients as distinct loopback hosts: each binds its own source address in 127.0.0.0/8, so the
/// edge sees separate clients (for rate limits and allow-lists) without leaving the machine.
/// </summary>
public static class LoopbackClients
{
    public static HttpClient Create(
        string sourceAddress = "127.0.0.1",
        X509Certificate2? trustedEdgeCertificate = null,
        SslProtocols protocols = SslProtocols.None,
        bool followRedirects = false,
        bool reuseConnections = true)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            PooledConnectionLifetime = reuseConnections ? TimeSpan.FromMinutes(2) : TimeSpan.Zero,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost"
                        ? new IPEndPoint(source.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, context.DnsEndPoint.Port)
                        : new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || (trustedEdgeCertificate is not null && certificate is not null
                        && certificate.GetCertHashString() == trustedEdgeCertificate.GetCertHashString()),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }
}
