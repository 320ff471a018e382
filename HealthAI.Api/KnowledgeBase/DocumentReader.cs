using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Turns a request body into documents: JSON (<c>{title, text, source, tags}</c>), or markdown and plain
/// text whose title, source and tags come from the query string or, for markdown, from the leading
/// <c># Title</c>, <c>Source:</c> and <c>Tags:</c> lines.
/// </summary>
internal static class DocumentReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum BodyKind
    {
        Unsupported,
        Json,
        Markdown,
        Text,
    }

    public static BodyKind KindOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } media)
        {
            return BodyKind.Unsupported;
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Unsupported;
        }

        return media.ToUpperInvariant() switch
        {
            "APPLICATION/JSON" => BodyKind.Json,
            "TEXT/MARKDOWN" or "TEXT/X-MARKDOWN" => BodyKind.Markdown,
            "TEXT/PLAIN" => BodyKind.Text,
            _ => BodyKind.Unsupported,
        };
    }

    /// <summary>One document from a body; throws <see cref="JsonException"/> for malformed JSON.</summary>
    public static DocumentInput ReadOne(BodyKind kind, byte[] body, IQueryCollection query)
    {
        if (kind == BodyKind.Json)
        {
            return (Deserialize<DocumentInput>(body) ?? new DocumentInput(null, null, null, null)) with { Format = "text" };
        }

        var text = DecodeUtf8(body);
        var fromQuery = new DocumentInput(query["title"], null, query["source"], SplitTags(query["tags"]));
        if (kind == BodyKind.Text)
        {
            return fromQuery with { Text = text, Format = "text" };
        }

        var parsed = ParseMarkdown(text);
        return new DocumentInput(
            fromQuery.Title ?? parsed.Title,
            parsed.Text,
            fromQuery.Source ?? parsed.Source,
            fromQuery.Tags is { Count: > 0 } ? fromQuery.Tags : parsed.Tags,
            "markdown");
    }

    /// <summary>The documents of a batch body: <c>{ "documents": [ ... ] }</c>.</summary>
    public static IReadOnlyList<DocumentInput> ReadBatch(byte[] body) =>
        (Deserialize<BatchBody>(body)?.Documents ?? throw new JsonException("A batch is { \"documents\": [ ... ] }."))
            .Select(document => (document ?? new DocumentInput(null, null, null, null)) with { Format = "text" })
            .ToList();

    /// <summary>Reads the front lines of a markdown article; they leave the text, the rest is the body.</summary>
    public static DocumentInput ParseMarkdown(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        string? title = null, source = null;
        IReadOnlyList<string?>? tags = null;
        var index = 0;
        while (index < lines.Count)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 && title is null)
            {
                index++;
            }
            else if (title is null && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = line[2..].Trim();
                index++;
            }
            else if (line.StartsWith("Source:", StringComparison.OrdinalIgnoreCase))
            {
                source = line["Source:".Length..].Trim();
                index++;
            }
            else if (line.StartsWith("Tags:", StringComparison.OrdinalIgnoreCase))
            {
                tags = SplitTags(line["Tags:".Length..]);
                index++;
            }
            else
            {
                break;
            }
        }

        return new DocumentInput(title, string.Join('\n', lines.Skip(index)), source, tags, "markdown");
    }

    private static T? Deserialize<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (ArgumentException invalidUtf8)
        {
            throw new JsonException("The body is not valid UTF-8.", invalidUtf8);
        }
    }

    private static string DecodeUtf8(byte[] body)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException invalid)
        {
            throw new JsonException("The body is not valid UTF-8.", invalid);
        }
    }

    private static List<string?>? SplitTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? null : [.. tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private sealed record BatchBody(IReadOnlyList<DocumentInput?>? Documents);
}
