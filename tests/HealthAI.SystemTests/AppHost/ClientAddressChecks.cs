using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// What an edge can do only when it sees each client's own address: limit one client without limiting its
/// neighbour, and tell an allowed client from an outsider. Both forms of the local run must pass them.
/// </summary>
internal static class ClientAddressChecks
{
    /// <summary>
    /// 80 requests at once from <paramref name="flooder"/>, then 5 paced ones from <paramref name="neighbour"/>: the
    /// flooder gets 429s and the neighbour none. Returns the flooder's 429s for further checks.
    /// </summary>
    public static async Task<IReadOnlyList<HttpResponseMessage>> FloodingClientAloneIsLimitedAsync(
        Uri target, X509Certificate2 edgeCertificate, string flooder, string neighbour, CancellationToken cancellationToken)
    {
        using var flooding = LoopbackClients.Create(flooder, edgeCertificate);
        using var neighbourly = LoopbackClients.Create(neighbour, edgeCertificate);

        var flood = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => flooding.GetAsync(target, cancellationToken)));
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await neighbourly.GetAsync(target, cancellationToken));
            await Task.Delay(200, cancellationToken);
        }

        var limited = flood.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(flood.Where(r => r.StatusCode != HttpStatusCode.TooManyRequests), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        return limited;
    }

    /// <summary>
    /// A restricted route answers <paramref name="insider"/> (on the allow-list) and refuses <paramref name="outsider"/>
    /// (another loopback address, off it).
    /// </summary>
    public static async Task AllowListTellsClientsApartAsync(
        Uri edge, X509Certificate2 edgeCertificate, string insider, string outsider, CancellationToken cancellationToken)
    {
        var restricted = new Uri(edge, "/monitoring/export");
        using var allowed = LoopbackClients.Create(insider, edgeCertificate);
        using var refused = LoopbackClients.Create(outsider, edgeCertificate);

        using var inside = await allowed.GetAsync(restricted, cancellationToken);
        using var outside = await refused.GetAsync(restricted, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }
}
