using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Tests;

/// <summary>
/// Every count and length limit is enforced while the body is read. Statuses are asserted here; the
/// time and allocations per case are measured by <c>./healthai bench-bad-input</c>.
/// </summary>
public sealed class BoundedWorkTests(BadInputReplica replica) : IClassFixture<BadInputReplica>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Cases => [.. WorstCaseBodies.All.Select(body => body.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_at_or_over_a_limit_gets_its_status(string name)
    {
        var body = WorstCaseBodies.Named(name);
        using var content = new ByteArrayContent(body.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);

        var response = await replica.Editor.PostAsync(body.Path, content, Cancel);

        Assert.Equal(body.Status, (int)response.StatusCode);
        if (body.Status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void The_table_states_the_api_defaults()
    {
        var defaults = new KnowledgeBaseOptions();
        Assert.Equal(WorstCaseBodies.MaxDocumentBytes, defaults.MaxDocumentBytes);
        Assert.Equal(WorstCaseBodies.MaxBatchBytes, defaults.MaxBatchBytes);
        Assert.Equal(WorstCaseBodies.MaxBatchDocuments, defaults.MaxBatchDocuments);
        Assert.Equal(DocumentLimits.MaxTags, WorstCaseBodies.MaxTags);
        Assert.Equal(DocumentLimits.MaxTagLength, WorstCaseBodies.MaxTagLength);
        Assert.Equal(DocumentLimits.MaxTitleLength, WorstCaseBodies.MaxTitleLength);
        Assert.Equal(DocumentLimits.MaxSourceLength, WorstCaseBodies.MaxSourceLength);
        Assert.Equal(DocumentLimits.MaxJsonDepth, WorstCaseBodies.MaxJsonDepth);
    }

    // Each body below is broken JSON after the first item over the limit: a reader that went on past the
    // limit would report the syntax error instead of the limit.
    [Fact]
    public void Reading_tags_stops_at_the_first_tag_over_the_limit()
    {
        var body = "{\"title\":\"t\",\"text\":\"x\",\"tags\":[" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\"")) + ",\"t21\", ]]]} not json";

        var rejected = Assert.Throws<DocumentRejectedException>(() => DocumentJsonReader.ReadOne(Encoding.UTF8.GetBytes(body)));

        Assert.Equal("tags", rejected.Field);
    }

    [Fact]
    public void Reading_a_batch_stops_at_the_first_document_over_the_limit()
    {
        var body = "{\"documents\":[" + string.Join(',', Enumerable.Repeat("{}", 101)) + ", ]]]} not json";

        var rejected = Assert.Throws<DocumentRejectedException>(() => DocumentJsonReader.ReadBatch(Encoding.UTF8.GetBytes(body), 100));

        Assert.Equal("documents", rejected.Field);
    }

    [Fact]
    public void A_limit_broken_inside_a_batch_names_the_document()
    {
        var body = "{\"documents\":[{\"title\":\"ok\",\"text\":\"x\"},{\"title\":\"" + new string('T', 5000) + "\"} not json";

        var rejected = Assert.Throws<DocumentRejectedException>(() => DocumentJsonReader.ReadBatch(Encoding.UTF8.GetBytes(body), 100));

        Assert.Equal("documents[1].title", rejected.Field);
    }

    [Fact]
    public void Reading_stops_at_the_first_level_over_the_depth_limit()
    {
        var body = "{\"extra\":" + new string('[', 8) + " not json";

        var error = Assert.ThrowsAny<JsonException>(() => DocumentJsonReader.ReadOne(Encoding.UTF8.GetBytes(body)));

        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markdown_tags_stop_at_the_first_tag_over_the_limit()
    {
        var rejected = Assert.Throws<DocumentRejectedException>(() => DocumentReader.SplitTags(string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"t{i}"))));

        Assert.Equal("tags", rejected.Field);
    }
}
