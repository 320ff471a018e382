using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Turns a request body into documents: JSON (<c>{title, text, source, tags}</c>, read by
/// <see cref="DocumentJsonReader"/>), or markdown and plain text whose title, source and tags come
/// from the query string or, for markdown, from the leading <c># Title</c>, <c>Source:</c> and
/// <c>Tags:</c> lines. Limits are checked as each part is read (see <see cref="DocumentLimits"/>).
/// </summary>
internal static class DocumentReader
{
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

    /// <summary>
    /// One document from a body; throws <see cref="JsonException"/> for malformed JSON or UTF-8 and
    /// <see cref="DocumentRejectedException"/> for a broken limit.
    /// </summary>
    public static DocumentInput ReadOne(BodyKind kind, ReadOnlySpan<byte> body, IQueryCollection query)
    {
        if (kind == BodyKind.Json)
        {
            return DocumentJsonReader.ReadOne(body);
        }

        var text = DecodeUtf8(body);
        var fromQuery = new DocumentInput(query["title"], null, query["source"], SplitTags(query["tags"].ToString()));
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
    public static IReadOnlyList<DocumentInput> ReadBatch(ReadOnlySpan<byte> body, int maxDocuments) =>
        DocumentJsonReader.ReadBatch(body, maxDocuments);

    /// <summary>
    /// Reads the front lines of a markdown article one at a time; they leave the text, the rest is the
    /// body. No line is copied unless it is within its limit, and the text is cut once.
    /// </summary>
    public static DocumentInput ParseMarkdown(string markdown)
    {
        string? title = null, source = null;
        IReadOnlyList<string?>? tags = null;
        var position = 0;
        while (position < markdown.Length)
        {
            var end = markdown.IndexOf('\n', position);
            end = end < 0 ? markdown.Length : end;
            var line = markdown.AsSpan(position, end - position).Trim();
            if (line.Length == 0 && title is null)
            {
                // Blank lines before the title are skipped.
            }
            else if (title is null && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = Bounded(line[2..].Trim(), DocumentLimits.MaxTitleLength, "title", DocumentLimits.TitleMessage);
            }
            else if (line.StartsWith("Source:", StringComparison.OrdinalIgnoreCase))
            {
                source = Bounded(line["Source:".Length..].Trim(), DocumentLimits.MaxSourceLength, "source", DocumentLimits.SourceMessage);
            }
            else if (line.StartsWith("Tags:", StringComparison.OrdinalIgnoreCase))
            {
                tags = SplitTags(line["Tags:".Length..]);
            }
            else
            {
                break;
            }

            position = end + 1;
        }

        return new DocumentInput(title, position >= markdown.Length ? "" : markdown[position..], source, tags, "markdown");
    }

    /// <summary>Comma-separated tags, refused at the first one over the count or length limit.</summary>
    public static List<string?>? SplitTags(ReadOnlySpan<char> tags)
    {
        List<string?>? split = null;
        foreach (var range in tags.Split(','))
        {
            var tag = tags[range].Trim();
            if (tag.Length == 0)
            {
                continue;
            }

            split ??= [];
            if (split.Count == DocumentLimits.MaxTags)
            {
                throw new DocumentRejectedException("tags", DocumentLimits.TagCountMessage);
            }

            split.Add(Bounded(tag, DocumentLimits.MaxTagLength, "tags", DocumentLimits.TagTooLongMessage));
        }

        return split;
    }

    private static string Bounded(ReadOnlySpan<char> value, int maxLength, string field, string message) =>
        value.Length <= maxLength ? value.ToString() : throw new DocumentRejectedException(field, message);

    private static string DecodeUtf8(ReadOnlySpan<byte> body)
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
}
