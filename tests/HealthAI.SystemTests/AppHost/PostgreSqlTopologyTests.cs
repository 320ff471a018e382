using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The local topology on PostgreSQL (<c>HealthAI:KnowledgeBase:Engine=PostgreSql</c>, host processes): a
/// PostgreSQL resource from Debian's packages that every replica waits for and shares, through the edge.
/// A system of its own: the shared fixture runs on SQLite.
/// </summary>
public sealed class PostgreSqlTopologyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replicas_wait_for_the_PostgreSQL_resource_and_share_the_knowledge_base_in_it()
    {
        using var run = RunDirectory.Create("test-postgres");
        var cluster = run.Path;
        await using var system = await AppHostLauncher.StartAsync<Projects.HealthAI_AppHost>(TimeSpan.FromMinutes(4),
            ["HealthAI:KnowledgeBase:Engine=PostgreSql", "HealthAI:KnowledgeBase:PostgreSqlPort=0", $"HealthAI:KnowledgeBase:PostgreSqlDirectory={cluster}"],
            cancellationToken: Cancel);

        // The dashboard's resource list is the app model's: the server is one of its resources, and healthy.
        Assert.Equal("postgres", system.Resource("postgres").Name);
        await system.WaitForHealthyAsync("postgres", Cancel);
        using var client = system.EditorClient("127.62.0.1");
        var ingest = await client.PostAsJsonAsync(new Uri(system.Endpoint("nginx", "https"), "/api/documents"),
            new { title = "Folate on PostgreSQL", text = "Folate before and during pregnancy lowers the risk of neural tube defects.", source = "tests" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
        var id = (await ingest.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString();

        using var direct = new HttpClient();
        foreach (var replica in HealthAITopology.Replicas)
        {
            Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync(new Uri(system.Endpoint(replica), $"/api/documents/{id}"), Cancel)).StatusCode);
            var search = await direct.GetFromJsonAsync<JsonElement>(new Uri(system.Endpoint(replica), "/api/search?q=folate+pregnancy"), Cancel);
            Assert.Contains("<mark>", search.GetProperty("results")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        }

        // The cluster is the one initdb made in the folder the settings named.
        Assert.True(File.Exists(Path.Combine(cluster, "data", "PG_VERSION")));

        // A stopped AppHost leaves no run folder behind: every resource's files were below one, and it went with the app.
        var runFolder = Path.GetDirectoryName(((IEdgeResource)system.Resource("nginx")).Configuration.RunDirectory)!;
        Assert.True(Directory.Exists(runFolder));
        await system.DisposeAsync();
        Assert.False(Directory.Exists(runFolder), $"{runFolder} is still there after the AppHost stopped");
        Assert.False(Directory.Exists(system.Storage!.Path));
    }
}
