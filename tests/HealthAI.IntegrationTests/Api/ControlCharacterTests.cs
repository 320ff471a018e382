using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace HealthAI.Api.Tests;

/// <summary>
/// A control character in a document is the client's mistake, answered 400 naming the field on either engine, never
/// a 503 (PostgreSQL refuses a NUL as a data exception, which an edge would replay on every replica).
/// </summary>
public abstract class ControlCharacterTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadFields => new()
    {
        { "text", "\0" },
        { "text", "\u0007" },
        { "text", "\u001b[31m" },
        { "text", "\u0085" },
        { "title", "\0" },
        { "title", "\u0001" },
        { "source", "\0" },
        { "source", "\u007f" },
        { "tags", "\0" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_control_character_in_a_field_is_a_400_naming_that_field(string field, string bad)
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var document = new Dictionary<string, object>
        {
            ["title"] = "Fever",
            ["text"] = "A fever is a body temperature above 38 degrees.",
            ["source"] = "tests",
            ["tags"] = new[] { "fever" },
        };
        document[field] = field == "tags" ? new[] { $"fe{bad}ver" } : $"{document[field]}{bad}more";

        var response = await client.PostAsJsonAsync("/api/documents", document, Cancel);

        await AssertNamesAsync(response, field);
        Assert.Equal(0, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task Tabs_and_line_breaks_stay_welcome_in_the_text()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();

        await Documents.IngestAsync(client, Documents.Make("Fever", "A fever\tis high.\r\nRest helps.\rDrink water.\n"), Cancel);

        Assert.Equal(1, await Documents.TotalAsync(client, Cancel));
    }

    [Fact]
    public async Task A_NUL_in_a_batch_or_a_markdown_or_plain_body_names_its_field()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();

        var batch = await client.PostAsJsonAsync("/api/documents/batch", new
        {
            documents = new[] { Documents.Make("Fine", "Nothing wrong here."), Documents.Make("Broken", "NUL \0 here.") },
        }, Cancel);
        var markdown = await client.PostAsync("/api/documents",
            new StringContent("# Fever\nSource: tests\n\nA NUL \0 in markdown.", Encoding.UTF8, "text/markdown"), Cancel);
        var plain = await client.PostAsync("/api/documents?title=Fe%00ver",
            new StringContent("Plain text.", Encoding.UTF8, "text/plain"), Cancel);

        await AssertNamesAsync(batch, "documents[1].text");
        await AssertNamesAsync(markdown, "text");
        await AssertNamesAsync(plain, "title");
        Assert.Equal(0, await Documents.TotalAsync(client, Cancel));
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Documents.JsonAsync(response, Cancel)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors do not name {field}: {body}");
    }
}

public sealed class SqliteControlCharacterTests() : ControlCharacterTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlControlCharacterTests(PostgreSqlFixture postgres) : ControlCharacterTests(postgres.Engine);
