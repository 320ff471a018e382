using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace HealthAI.Api.Tests;

public abstract class DocumentTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sending_the_same_document_twice_creates_it_once()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var document = Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds.", "tests", "hygiene");

        var first = await client.PostAsJsonAsync("/api/documents", document, Cancel);
        var second = await client.PostAsJsonAsync("/api/documents", document, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await Documents.JsonAsync(first, Cancel);
        var repeated = await Documents.JsonAsync(second, Cancel);
        Assert.Equal(created.GetProperty("id").GetString(), repeated.GetProperty("id").GetString());
        Assert.Equal($"/api/documents/{created.GetProperty("id").GetString()}", first.Headers.Location?.OriginalString);
        Assert.Equal(1, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task A_markdown_body_takes_its_title_source_and_tags_from_its_front_lines()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var markdown = "# Sleep basics\nSource: Sleep notes\nTags: sleep, rest\n\nAdults need seven or more hours of sleep.\n";

        var response = await client.PostAsync("/api/documents", new StringContent(markdown, Encoding.UTF8, "text/markdown"), Cancel);
        var stored = await Documents.JsonAsync(await client.GetAsync($"/api/documents/{(await Documents.JsonAsync(response, Cancel)).GetProperty("id").GetString()}", Cancel), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Sleep basics", stored.GetProperty("title").GetString());
        Assert.Equal("Sleep notes", stored.GetProperty("source").GetString());
        Assert.Equal(["sleep", "rest"], stored.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("Adults need seven or more hours of sleep.", stored.GetProperty("text").GetString());
        Assert.Equal("markdown", stored.GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_plain_text_body_takes_its_title_from_the_query()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());

        var response = await api.CreateClient().PostAsync("/api/documents?title=Hydration&tags=water",
            new StringContent("Drink water through the day.", Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Hydration", (await Documents.JsonAsync(response, Cancel)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_long_document_is_cut_into_several_chunks()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 12).Select(i =>
            $"Paragraph {i} talks about fibre, vegetables and whole grains in some detail, so that it has a realistic length of text."));

        var response = await api.CreateClient().PostAsJsonAsync("/api/documents", Documents.Make("Fibre", paragraphs), Cancel);

        Assert.True((await Documents.JsonAsync(response, Cancel)).GetProperty("chunks").GetInt32() > 1);
    }

    [Fact]
    public async Task A_batch_stores_new_documents_and_reports_the_ones_already_there()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Numbered("batch", 1), Cancel);

        var response = await client.PostAsJsonAsync("/api/documents/batch",
            new { documents = Enumerable.Range(1, 5).Select(i => Documents.Numbered("batch", i)) }, Cancel);
        var body = await Documents.JsonAsync(response, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, body.GetProperty("created").GetInt32());
        Assert.Equal(1, body.GetProperty("existing").GetInt32());
        Assert.Equal(5, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task A_batch_with_one_bad_document_stores_none_and_names_the_field()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/documents/batch",
            new { documents = new[] { Documents.Numbered("bad", 1), Documents.Make("", "no title") } }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("documents[1].title", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task Documents_are_listed_in_pages_and_can_be_deleted()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Documents.IngestAsync(client, Documents.Numbered("page", i), Cancel));
        }

        var first = await Documents.JsonAsync(await client.GetAsync("/api/documents?offset=0&limit=2", Cancel), Cancel);
        var last = await Documents.JsonAsync(await client.GetAsync("/api/documents?offset=4&limit=2", Cancel), Cancel);
        var deleted = await client.DeleteAsync($"/api/documents/{ids[0]}", Cancel);
        var gone = await client.GetAsync($"/api/documents/{ids[0]}", Cancel);
        var deletedAgain = await client.DeleteAsync($"/api/documents/{ids[0]}", Cancel);

        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, last.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(4, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task A_deleted_document_is_no_longer_found_by_search()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var id = await Documents.IngestAsync(client, Documents.Make("Zinc", "Zinc supports the immune system."), Cancel);

        await client.DeleteAsync($"/api/documents/{id}", Cancel);
        var search = await Documents.JsonAsync(await client.GetAsync("/api/search?q=zinc", Cancel), Cancel);

        Assert.Equal(0, search.GetProperty("results").GetArrayLength());
    }
}

public sealed class SqliteDocumentTests() : DocumentTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlDocumentTests(PostgreSqlFixture postgres) : DocumentTests(postgres.Engine);
