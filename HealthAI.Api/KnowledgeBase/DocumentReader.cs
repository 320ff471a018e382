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

        var fromQuery = new DocumentInput(query["title"], null, query["source"], SplitTags(query["tags"].ToString()));
        if (kind == BodyKind.Text)
        {
            return fromQuery with { Text = DecodeUtf8(body), Format = "text" };
        }

        var parsed = ParseMarkdown(body);
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
    /// Reads the front lines of a markdown article one at a time, in UTF-8: <c># Title</c>, <c>Source:</c>
    /// and <c>Tags:</c>, each at most once. A line is decoded only once it is known to be within its
    /// limit, and the rest (the text) is decoded once.
    /// </summary>
    public static DocumentInput ParseMarkdown(ReadOnlySpan<byte> markdown)
    {
        string? title = null, source = null;
        IReadOnlyList<string?>? tags = null;
        var position = 0;
        while (position < markdown.Length)
        {
            var rest = markdown[position..];
            var end = rest.IndexOf((byte)'\n');
            var line = (end < 0 ? rest : rest[..end]).Trim(" \t\r"u8);
            var next = end < 0 ? markdown.Length : position + end + 1;
            if (line.Length == 0 && title is null)
            {
                // Blank lines before the title are skipped.
            }
            else if (title is null && line.StartsWith("# "u8))
            {
                title = Header(line[2..], DocumentLimits.MaxTitleLength, "title", DocumentLimits.TitleMessage);
            }
            else if (StartsWithIgnoringCase(line, "Source:"u8))
            {
                source = source is null
                    ? Header(line["Source:".Length..], DocumentLimits.MaxSourceLength, "source", DocumentLimits.SourceMessage)
                    : throw new DocumentRejectedException("source", "A markdown article has at most one Source: line.");
            }
            else if (StartsWithIgnoringCase(line, "Tags:"u8))
            {
                tags = tags is null
                    ? SplitTags(Header(line["Tags:".Length..], MaxTagsLineLength, "tags", DocumentLimits.TagCountMessage))
                    : throw new DocumentRejectedException("tags", "A markdown article has at most one Tags: line.");
            }
            else
            {
                break;
            }

            position = next;
        }

        return new DocumentInput(title, DecodeUtf8(markdown[Math.Min(position, markdown.Length)..]), source, tags, "markdown");
    }

    // Room for every tag at its longest with separators: a longer Tags: line cannot be valid.
    private const int MaxTagsLineLength = DocumentLimits.MaxTags * (DocumentLimits.MaxTagLength + 4);

    /// <summary>A header line's value, decoded only when its bytes could be within <paramref name="maxLength"/> characters.</summary>
    private static string Header(ReadOnlySpan<byte> value, int maxLength, string field, string message)
    {
        // A character takes at least one byte: more bytes than 4 per character allowed cannot fit; fewer are decoded and counted.
        var trimmed = value.Trim(" \t"u8);
        if (trimmed.Length > maxLength * 4)
        {
            throw new DocumentRejectedException(field, message);
        }

        var decoded = DecodeUtf8(trimmed);
        return decoded.Length <= maxLength ? decoded : throw new DocumentRejectedException(field, message);
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix) =>
        line.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(line[..prefix.Length], prefix);

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
