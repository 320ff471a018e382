namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// The count and length limits of one document, enforced while a body is read (so work stops at the
/// limit) and again by the validator on what was read.
/// </summary>
internal static class DocumentLimits
{
    public const int MaxTitleLength = 300;
    public const int MaxSourceLength = 1000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    /// <summary>Nesting a JSON body may have: a batch needs 4 (object, array, document, tags).</summary>
    public const int MaxJsonDepth = 8;

    /// <summary>The most UTF-8 bytes one character can take in a JSON string (a <c>\uXXXX</c> escape).</summary>
    public const int MaxEncodedBytesPerCharacter = 6;

    public static string TitleMessage => $"A title is one line of at most {MaxTitleLength} characters.";

    public static string SourceMessage => $"A source is at most {MaxSourceLength} characters.";

    public static string TagCountMessage => $"At most {MaxTags} tags.";

    public static string TagTooLongMessage => $"A tag is 1 to {MaxTagLength} lower-case letters, digits or '-'.";

    public static string TagMessage(string? tag) => $"A tag is 1 to {MaxTagLength} lower-case letters, digits or '-'; got '{tag}'.";
}
