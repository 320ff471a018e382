using System.Net;
using HealthAI.Hosting;

namespace HealthAI.Api.Tests;

public sealed class StaticSiteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_static_site_is_served_at_static_when_configured()
    {
        var folder = RunDirectory.Create("static").Path;
        await File.WriteAllTextAsync(Path.Combine(folder, "hello.txt"), "hello", Cancel);
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["StaticSite:Directory"] = folder });

        var response = await api.CreateClient().GetAsync("/static/hello.txt", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Without_a_static_site_static_paths_are_problem_404s()
    {
        await using var api = new ApiFactory();

        var response = await api.CreateClient().GetAsync("/static/hello.txt", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
