using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Slow bodies from one loopback address, over TLS: each connection sends complete headers of a POST that
/// promises a body, then one byte every couple of seconds. Unlike slow headers, nginx counts these in
/// <c>limit_conn</c>, so the per-client cap shows.
/// </summary>
internal static class SlowBodyAttack
{
    public const string Refused = "refused";
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromSeconds(2);

    /// <summary>One connection: when it ended (null if still open at the end) and the edge's status line, or <see cref="Refused"/>.</summary>
    public sealed record Outcome(TimeSpan? EndedAfter, string? Answer);

    public static async Task<IReadOnlyList<Outcome>> RunAsync(string sourceAddress, Uri edge, string path, X509Certificate2 edgeCertificate, int connections, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var source = IPAddress.Parse(sourceAddress);
        var target = new IPEndPoint(edge.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(edge.Host), edge.Port);
        return await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => HoldAsync(source, target, path, edgeCertificate, holdFor, cancellationToken)));
    }

    private static async Task<Outcome> HoldAsync(IPAddress source, IPEndPoint target, string path, X509Certificate2 edgeCertificate, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        using var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        var clock = Stopwatch.StartNew();
        SslStream tls;
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || certificate?.GetCertHashString() == edgeCertificate.GetCertHashString(),
            }, cancellationToken);
        }
        catch (Exception refused) when (refused is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return new Outcome(clock.Elapsed, Refused);
        }

        await using (tls)
        {
            try
            {
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{"), cancellationToken);
                var buffer = new byte[4096];
                var answered = tls.ReadAsync(buffer, cancellationToken).AsTask();
                while (clock.Elapsed < holdFor)
                {
                    if (await Task.WhenAny(answered, Task.Delay(TrickleInterval, cancellationToken)) == answered)
                    {
                        var read = await answered;
                        return new Outcome(clock.Elapsed, read == 0 ? null : Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0]);
                    }

                    await tls.WriteAsync(" "u8.ToArray(), cancellationToken);
                }

                return new Outcome(null, null);
            }
            catch (IOException)
            {
                return new Outcome(clock.Elapsed, null);
            }
        }
    }
}
