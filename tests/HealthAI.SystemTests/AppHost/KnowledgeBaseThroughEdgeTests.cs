using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>The knowledge base as clients use it: through the edges, over four replicas sharing one store.</summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class KnowledgeBaseThroughEdgeTests(HealthAIAppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_ingest_from_many_clients_through_both_edges_loses_nothing()
    {
        const int clientsPerEdge = 6;
        const int documentsPerClient = 8;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var run = Guid.NewGuid().ToString("N")[..8];

        await Task.WhenAll(HealthAIAppFixture.Edges.SelectMany((edge, e) => Enumerable.Range(1, clientsPerEdge).Select(async c =>
        {
            using var client = fixture.System.EditorClient($"127.60.{e}.{c}");
            for (var d = 0; d < documentsPerClient; d++)
            {
                var document = new
                {
                    title = $"Ingest check {run} {edge} {c} {d}",
                    text = $"A document written concurrently by client {c} through {edge}, number {d}, run {run}. It exists to be counted.",
                    source = "tests",
                    tags = new[] { "ingest-check", run },
                };
                // Paced under the per-client limit (10 r/s): a 429 here would be the test's fault.
                var response = await client.PostAsJsonAsync(new Uri(fixture.Endpoint(edge, "https"), "/api/documents"), document, Cancel);
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{edge} client {c}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
                acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!);
                await Task.Delay(150, Cancel);
            }
        })));

        Assert.Equal(2 * clientsPerEdge * documentsPerClient, acknowledged.Distinct().Count());
        // Every acknowledged document is there, whichever replica is asked.
        using var direct = new HttpClient();
        foreach (var (id, i) in acknowledged.Select((id, i) => (id, i)))
        {
            var replica = HealthAIAppFixture.Replicas[i % HealthAIAppFixture.Replicas.Length];
            var found = await direct.GetAsync(new Uri(fixture.Endpoint(replica), $"/api/documents/{id}"), Cancel);
            Assert.True(found.StatusCode == HttpStatusCode.OK, $"{id} is missing on {replica}: {(int)found.StatusCode}");
        }
    }

    [Fact]
    public async Task A_question_through_the_edge_is_answered_with_citations_from_the_knowledge_base()
    {
        using var client = fixture.System.EditorClient("127.61.0.1");
        var edge = fixture.Endpoint("nginx", "https");
        var ingest = await client.PostAsJsonAsync(new Uri(edge, "/api/documents"), new
        {
            title = "Handwashing",
            text = "Washing hands with soap and water for at least twenty seconds removes most germs. Hand sanitiser with at least sixty percent alcohol helps when soap is not available.",
            source = "tests",
        }, Cancel);
        Assert.True(ingest.IsSuccessStatusCode, await ingest.Content.ReadAsStringAsync(Cancel));

        var answer = await client.PostAsJsonAsync(new Uri(edge, "/api/ask"), new { question = "How long should I wash my hands with soap?" }, Cancel);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("extractive", body.GetProperty("answeredBy").GetString());
        // Either this document or the sample corpus's hand-washing article answers it: both name the time.
        Assert.Matches("(twenty|20) seconds", body.GetProperty("answer").GetString());
        Assert.NotEmpty(body.GetProperty("citations").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("disclaimer").GetString()));
    }

    [Fact]
    public async Task The_sample_loader_stores_the_corpus_through_nginx_with_the_editor_token()
    {
        var result = await ToolRun.RunAsync("env",
            [$"HEALTHAI_EDITOR_TOKEN={fixture.System.EditorToken}", "bash", "scripts/load-samples.sh", fixture.Endpoint("nginx", "https").ToString()],
            RepositoryPaths.Root, cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
        var summary = System.Text.RegularExpressions.Regex.Match(result.Output, @"samples: (\d+) created, (\d+) already there, 0 failed");
        Assert.True(summary.Success, result.Output);
        var corpus = Directory.GetFiles(RepositoryPaths.Of("samples", "corpus"), "*.md").Length;
        Assert.Equal(corpus, int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture));
        using var client = new HttpClient();
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(fixture.Endpoint("healthai-app-1"), "/api/documents?limit=1"), Cancel);
        Assert.True(page.GetProperty("total").GetInt64() >= corpus);
    }
}
