using System.Net.Http.Headers;
using System.Text;
using HealthAI.Chaos.Scenarios;
using HealthAI.Testing;

namespace HealthAI.Chaos.Workload;

/// <summary>The repository's sample articles (<c>samples/corpus/*.md</c>), stored straight through a replica as <c>./healthai load-samples</c> stores them.</summary>
internal static class SampleCorpus
{
    private const string Replica = "healthai-app-1";

    public static async Task LoadAsync(HealthAISystem system, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.EditorToken);
        var target = new Uri(system.Endpoint(Replica, "http"), "/api/documents");
        var articles = Directory.GetFiles(RepositoryPaths.Of("samples", "corpus"), "*.md").Order(StringComparer.Ordinal).ToList();
        foreach (var article in articles)
        {
            using var content = new StringContent(await File.ReadAllTextAsync(article, cancellationToken), Encoding.UTF8, "text/markdown");
            using var response = await client.PostAsync(target, content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        ChaosContext.Log($"stored the {articles.Count} sample articles through {Replica}");
    }
}
