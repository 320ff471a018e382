using System.Text;

namespace HealthAI.Api.Tests;

/// <summary>One hostile or boundary body, the endpoint it goes to and the status it must get.</summary>
public sealed record WorstCaseBody(string Name, string Path, string ContentType, byte[] Body, int Status);

/// <summary>
/// Bodies at and just over every count and length limit, and the worst that fits under the byte limits
/// (40,000 tags, 1.4 million batch elements, 100,000 levels of nesting...). The API tests assert their
/// statuses; <c>bench/HealthAI.Bench.BadInput</c> times them and measures their allocations.
/// </summary>
public static class WorstCaseBodies
{
    // The API's defaults (KnowledgeBaseOptions, DocumentLimits): the table states them so that a change is seen.
    public const int MaxDocumentBytes = 256 * 1024;
    public const int MaxBatchBytes = 4 * 1024 * 1024;
    public const int MaxBatchDocuments = 100;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxTitleLength = 300;
    public const int MaxSourceLength = 1000;
    public const int MaxJsonDepth = 8;

    private const string Json = "application/json";
    private const string Markdown = "text/markdown";
    private const string Documents = "/api/documents";
    private const string Batch = "/api/documents/batch";

    public static IReadOnlyList<WorstCaseBody> All { get; } = Build();

    public static WorstCaseBody Named(string name) => All.Single(body => body.Name == name);

    private static List<WorstCaseBody> Build()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string Text(string name) => $"A boundary document {name} of run {run} about hydration and sleep.";
        string Doc(string name, string extra = "") => $"{{\"title\":\"{name} {run}\",\"text\":\"{Text(name)}\"{extra}}}";
        string Tags(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"\"t{i}\""));
        // The value of a property of the top-level object: the object is level 1, each array one more.
        string Nested(int depth) => new string('[', depth - 1) + "1" + new string(']', depth - 1);
        string Batched(int count, string name) => "{\"documents\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => Doc($"{name}-{i}"))) + "]}";

        var cases = new List<WorstCaseBody>
        {
            new("tags: 20 (at the limit)", Documents, Json, Utf8(Doc("tags-20", $",\"tags\":[{Tags(MaxTags)}]")), 201),
            new("tags: 21", Documents, Json, Utf8(Doc("tags-21", $",\"tags\":[{Tags(MaxTags + 1)}]")), 400),
            new("tags: 40,000 in 256 KiB", Documents, Json, Utf8(Doc("tags-40000", $",\"tags\":[{string.Join(',', Enumerable.Repeat("\"t\"", 40_000))}]")), 400),
            new("tag: 40 characters", Documents, Json, Utf8(Doc("tag-40", $",\"tags\":[\"{new string('t', MaxTagLength)}\"]")), 201),
            new("tag: 41 characters", Documents, Json, Utf8(Doc("tag-41", $",\"tags\":[\"{new string('t', MaxTagLength + 1)}\"]")), 400),
            new("tag: 250,000 characters", Documents, Json, Utf8(Doc("tag-huge", $",\"tags\":[\"{new string('t', 250_000)}\"]")), 400),
            new("title: 300 characters", Documents, Json, Utf8($"{{\"title\":\"{Title(run, MaxTitleLength)}\",\"text\":\"{Text("title-300")}\"}}"), 201),
            new("title: 301 characters", Documents, Json, Utf8($"{{\"title\":\"{Title(run, MaxTitleLength + 1)}\",\"text\":\"{Text("title-301")}\"}}"), 400),
            new("title: 250,000 characters", Documents, Json, Utf8($"{{\"title\":\"{new string('T', 250_000)}\",\"text\":\"x\"}}"), 400),
            new("title: 40,000 \\u escapes", Documents, Json, Utf8($"{{\"title\":\"{string.Concat(Enumerable.Repeat("\\u0041", 40_000))}\",\"text\":\"x\"}}"), 400),
            new("source: 1000 characters", Documents, Json, Utf8(Doc("source-1000", $",\"source\":\"{new string('s', MaxSourceLength)}\"")), 201),
            new("source: 1001 characters", Documents, Json, Utf8(Doc("source-1001", $",\"source\":\"{new string('s', MaxSourceLength + 1)}\"")), 400),
            new("depth: 8 (at the limit)", Documents, Json, Utf8(Doc("depth-8", $",\"extra\":{Nested(MaxJsonDepth)}")), 201),
            new("depth: 9", Documents, Json, Utf8(Doc("depth-9", $",\"extra\":{Nested(MaxJsonDepth + 1)}")), 400),
            new("depth: 100,000", Documents, Json, Utf8($"{{\"extra\":{Nested(100_000)}}}"), 400),
            new("document: 256 KiB (at the limit)", Documents, Json, Sized($"{{\"title\":\"size-at {run}\",\"text\":\"", "a", MaxDocumentBytes, "\"}"), 201),
            new("document: 256 KiB + 1", Documents, Json, Sized($"{{\"title\":\"size-over {run}\",\"text\":\"", "a", MaxDocumentBytes + 1, "\"}"), 413),
            new("batch: 100 documents (at the limit)", Batch, Json, Utf8(Batched(MaxBatchDocuments, "batch-100")), 200),
            new("batch: 101 documents", Batch, Json, Utf8(Batched(MaxBatchDocuments + 1, "batch-101")), 400),
            new("batch: 1.4 million {} in 4 MiB", Batch, Json, Sized("{\"documents\":[{}", ",{}", MaxBatchBytes, "]}"), 400),
            new("batch: 4 MiB + 1", Batch, Json, Sized("{\"documents\":[{}", ",{}", MaxBatchBytes + 1, "]}"), 413),
            new("markdown: title line of 300", Documents, Markdown, Utf8($"# {Title(run, MaxTitleLength)}\n\n{Text("md-title-300")}"), 201),
            new("markdown: title line of 301", Documents, Markdown, Utf8($"# {Title(run, MaxTitleLength + 1)}\n\n{Text("md-title-301")}"), 400),
            new("markdown: title line of 250,000", Documents, Markdown, Utf8($"# {new string('T', 250_000)}\n\nx"), 400),
            new("markdown: Tags line of 20", Documents, Markdown, Utf8($"# md-tags-20 {run}\nTags: {string.Join(", ", Enumerable.Range(0, MaxTags).Select(i => $"t{i}"))}\n\n{Text("md-tags-20")}"), 201),
            new("markdown: Tags line of 21", Documents, Markdown, Utf8($"# md-tags-21 {run}\nTags: {string.Join(", ", Enumerable.Range(0, MaxTags + 1).Select(i => $"t{i}"))}\n\n{Text("md-tags-21")}"), 400),
            new("markdown: Tags line of 60,000", Documents, Markdown, Utf8($"# md-tags-huge\nTags: {string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"t{i % 10}"))}\n\nx"), 400),
            new("markdown: 256 KiB of header lines", Documents, Markdown, Sized("Source: s\n", "Source: s\n", MaxDocumentBytes, ""), 400),
        };
        return cases;
    }

    private static string Title(string run, int length) => (run + new string('T', length))[..length];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A body of exactly <paramref name="bytes"/> bytes: the opening, the filler repeated, spaces, the closing.</summary>
    private static byte[] Sized(string opening, string filler, int bytes, string closing)
    {
        var body = new StringBuilder(bytes).Append(opening);
        while (body.Length + filler.Length + closing.Length <= bytes)
        {
            body.Append(filler);
        }

        // Spaces, which the JSON reader skips and the validator trims.
        body.Append(' ', bytes - body.Length - closing.Length).Append(closing);
        return Utf8(body.ToString());
    }
}
