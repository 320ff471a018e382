using System.Text.Json;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Reads JSON documents token by token with <see cref="Utf8JsonReader"/>, checking every count and
/// length limit as it goes: the 21st tag, the 101st document, a title longer than its limit or nesting
/// deeper than <see cref="DocumentLimits.MaxJsonDepth"/> stop the reading where they appear, before
/// anything grows with the rest of the body. Property names match case-insensitively, as the web
/// defaults of System.Text.Json do; unknown properties are skipped.
/// </summary>
internal static class DocumentJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = DocumentLimits.MaxJsonDepth };

    /// <summary>One document: <c>{title, text, source?, tags?}</c>.</summary>
    public static DocumentInput ReadOne(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            Next(ref reader);
            var document = ReadDocument(ref reader);
            ExpectEnd(ref reader);
            return document;
        }
        catch (InvalidOperationException invalid)
        {
            throw Malformed(invalid);
        }
    }

    /// <summary>A batch: <c>{ "documents": [ … ] }</c> with 1 to <paramref name="maxDocuments"/> documents.</summary>
    public static IReadOnlyList<DocumentInput> ReadBatch(ReadOnlySpan<byte> body, int maxDocuments)
    {
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A batch is { \"documents\": [ ... ] }.");
            }

            List<DocumentInput>? documents = null;
            while (NextProperty(ref reader) is { } name)
            {
                Next(ref reader);
                if (name.Equals("documents", StringComparison.OrdinalIgnoreCase))
                {
                    documents = ReadDocuments(ref reader, maxDocuments);
                }
                else
                {
                    reader.Skip();
                }
            }

            ExpectEnd(ref reader);
            return documents ?? throw new JsonException("A batch is { \"documents\": [ ... ] }.");
        }
        catch (InvalidOperationException invalid)
        {
            throw Malformed(invalid);
        }
    }

    private static List<DocumentInput>? ReadDocuments(ref Utf8JsonReader reader, int maxDocuments)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("\"documents\" is an array of documents.");
        }

        var documents = new List<DocumentInput>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return documents;
            }

            if (documents.Count == maxDocuments)
            {
                throw new DocumentRejectedException("documents", $"A batch holds 1 to {maxDocuments} documents; this one has more.");
            }

            try
            {
                documents.Add(ReadDocument(ref reader));
            }
            catch (DocumentRejectedException rejected)
            {
                throw rejected.Within($"documents[{documents.Count}].");
            }
        }
    }

    private static DocumentInput ReadDocument(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new DocumentInput(null, null, null, null, "text");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A document is a JSON object { \"title\", \"text\", \"source\", \"tags\" }.");
        }

        string? title = null, text = null, source = null;
        List<string?>? tags = null;
        while (NextProperty(ref reader) is { } name)
        {
            Next(ref reader);
            switch (name.ToUpperInvariant())
            {
                case "TITLE":
                    title = BoundedString(ref reader, "title", DocumentLimits.MaxTitleLength, DocumentLimits.TitleMessage);
                    break;
                case "SOURCE":
                    source = BoundedString(ref reader, "source", DocumentLimits.MaxSourceLength, DocumentLimits.SourceMessage);
                    break;
                case "TEXT":
                    text = String(ref reader, "text");
                    break;
                case "TAGS":
                    tags = ReadTags(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new DocumentInput(title, text, source, tags, "text");
    }

    private static List<string?>? ReadTags(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("\"tags\" is an array of strings.");
        }

        var tags = new List<string?>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return tags;
            }

            if (tags.Count == DocumentLimits.MaxTags)
            {
                throw new DocumentRejectedException("tags", DocumentLimits.TagCountMessage);
            }

            tags.Add(BoundedString(ref reader, "tags", DocumentLimits.MaxTagLength, DocumentLimits.TagTooLongMessage));
        }
    }

    /// <summary>
    /// A string no longer than <paramref name="maxLength"/> characters give or take surrounding spaces:
    /// one whose encoded form could not fit even if every character were an escape is refused without
    /// being decoded, so a huge value costs no allocation. The exact check (after trimming) is the validator's.
    /// </summary>
    private static string? BoundedString(ref Utf8JsonReader reader, string field, int maxLength, string message)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > (maxLength + 64) * DocumentLimits.MaxEncodedBytesPerCharacter)
        {
            throw new DocumentRejectedException(field, message);
        }

        return String(ref reader, field);
    }

    private static string? String(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"\"{field}\" must be a string; got {reader.TokenType} at byte {reader.TokenStartIndex}."),
    };

    /// <summary>The next property's name, or null at the end of the object; short names only, long ones are unknown.</summary>
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        return reader.ValueSpan.Length <= 64 ? reader.GetString() : "";
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The body ends before the JSON value does.");
        }
    }

    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.");
        }
    }

    // Utf8JsonReader reports invalid UTF-8 inside a string when the string is decoded.
    private static JsonException Malformed(InvalidOperationException invalid) => new($"The body is not valid UTF-8 JSON: {invalid.Message}", invalid);
}
