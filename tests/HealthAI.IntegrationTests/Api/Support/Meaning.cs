using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Tests;

/// <summary>Support for tests of search and answers by meaning: the sample corpus, waiting for vectors, word overlap.</summary>
internal static partial class Meaning
{
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how",
        "i", "if", "in", "is", "it", "its", "my", "of", "on", "or", "should", "so", "that", "the", "them", "to", "what",
        "when", "why", "with", "you", "your",
    };

    /// <summary>Stores every article of <c>samples/corpus</c> as markdown, as <c>./healthai load-samples</c> does; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> LoadSampleCorpusAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var article in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "samples", "corpus"), "*.md").Order(StringComparer.Ordinal))
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(article, cancellationToken));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/markdown") { CharSet = "utf-8" };
            var response = await client.PostAsync("/api/documents", content, cancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{article}: {(int)response.StatusCode}");
            ids.Add((await Documents.JsonAsync(response, cancellationToken)).GetProperty("id").GetString()!);
        }

        return ids;
    }

    /// <summary>Waits until every document is searchable by meaning on the replica behind <paramref name="client"/>.</summary>
    public static async Task WaitUntilEmbeddedAsync(HttpClient client, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        foreach (var id in ids)
        {
            while (await EmbeddingStateAsync(client, id, deadline.Token) != "ready")
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    public static async Task<string?> EmbeddingStateAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{id}", cancellationToken));
        return document.RootElement.GetProperty("embedding").GetString();
    }

    /// <summary>The words two texts share, common words aside: a test's premise that a question uses none of its answer's words.</summary>
    public static IReadOnlySet<string> SharedWords(string question, string answer)
    {
        var asked = Words(question);
        asked.IntersectWith(Words(answer));
        return asked;
    }

    private static HashSet<string> Words(string text) =>
        [.. Word().Matches(text).Select(match => match.Value.ToLowerInvariant()).Where(word => !CommonWords.Contains(word))];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HealthAI.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
