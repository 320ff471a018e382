using HealthAI.Edge.Tests.Support;

namespace HealthAI.Edge.Tests;

/// <summary>
/// A path the edge cannot decode is refused with 400 by the edge itself, for insiders and outsiders alike: the
/// restricted-path check fails closed and never lets such a path fall through to a replica.
/// </summary>
public sealed class UnparseablePathTests
{
    public static TheoryData<string, string> Paths()
    {
        string[] paths = ["/monitoring/export/%zz/..", "/x/%zz/../../backup", "/health/detailed/%g0/..", "/monitoring/%", "/api/search%zz", "/%zz"];
        var data = new TheoryData<string, string>();
        foreach (var edge in new[] { "nginx", "haproxy" })
        {
            foreach (var path in paths)
            {
                data.Add(edge, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task The_edge_answers_400_to_a_path_it_cannot_decode(string edge, string path)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var outsider = await RawHttp.GetAsync(running.Endpoint, path, "127.73.0.1", TestContext.Current.CancellationToken);
        var insider = await RawHttp.GetAsync(running.Endpoint, path, RunningEdge.Insider, TestContext.Current.CancellationToken);

        Assert.True(outsider.Status == 400, $"{edge} {path}: outsider got {outsider.Status}\n{outsider.Head}\n{running.ErrorLog}");
        Assert.Equal(400, insider.Status);
        Assert.Empty(running.Replica.Received);
    }
}
