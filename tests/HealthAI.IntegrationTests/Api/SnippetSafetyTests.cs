using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Tests;

/// <summary>
/// Snippets are HTML a client may render: an article's own markup comes back escaped, and the only elements in a
/// snippet are the <c>&lt;mark&gt;</c>s around matches, on either engine, in search and in ask's citations.
/// </summary>
public abstract partial class SnippetSafetyTests(KnowledgeBaseUnderTest engine)
{
    private const string Hostile =
        "Fever <img src=x onerror=alert(1)> comes with <b>fever</b> chills & \"sweats\" or 'aches'; a <mark>fake</mark> mark is text.";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Markup_in_an_article_comes_back_escaped_in_search_snippets()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Fever & chills", Hostile), Cancel);

        var results = (await Documents.JsonAsync(await client.GetAsync("/api/search?q=fever&mode=lexical", Cancel), Cancel))
            .GetProperty("results").EnumerateArray().ToList();

        var snippet = Assert.Single(results).GetProperty("snippet").GetString()!;
        TestContext.Current.TestOutputHelper?.WriteLine(snippet);
        AssertSafe(snippet);
        Assert.Matches("<mark>[Ff]ever</mark>", snippet);
        // A literal <mark> written in the article is text, never a match.
        Assert.DoesNotContain("<mark>fake</mark>", snippet, StringComparison.Ordinal);
        // The stored text is returned as it was sent: it is plain text, not HTML.
        Assert.Equal(Hostile, results[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_match_inside_markup_is_marked_and_the_markup_around_it_stays_text()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Rashes", "A rash may follow <b onclick=\"steal()\">measles</b> in children."), Cancel);

        var snippet = (await Documents.JsonAsync(await client.GetAsync("/api/search?q=measles&mode=lexical", Cancel), Cancel))
            .GetProperty("results")[0].GetProperty("snippet").GetString()!;

        TestContext.Current.TestOutputHelper?.WriteLine(snippet);
        AssertSafe(snippet);
        Assert.Contains("<mark>measles</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_of_an_answer_carry_escaped_snippets()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Fever & chills", Hostile), Cancel);

        var response = await client.PostAsJsonAsync("/api/ask", new { question = "What comes with a fever?" }, Cancel);
        var citations = (await Documents.JsonAsync(response, Cancel)).GetProperty("citations").EnumerateArray().ToList();

        Assert.NotEmpty(citations);
        Assert.All(citations, citation => AssertSafe(citation.GetProperty("snippet").GetString()!));
    }

    /// <summary>Once the marks are taken out, nothing is left that a browser would read as markup or an unknown entity.</summary>
    private static void AssertSafe(string snippet)
    {
        Assert.Equal(Regex.Count(snippet, "<mark>"), Regex.Count(snippet, "</mark>"));
        var text = snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.DoesNotContain('"', text);
        Assert.DoesNotContain('\'', text);
        Assert.Empty(StrayAmpersand().Matches(text));
    }

    [GeneratedRegex("&(?!(amp|lt|gt|quot|#39);)")]
    private static partial Regex StrayAmpersand();
}

public sealed class SqliteSnippetSafetyTests() : SnippetSafetyTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlSnippetSafetyTests(PostgreSqlFixture postgres) : SnippetSafetyTests(postgres.Engine);
