namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Whether a document's field can be stored and shown as it is: no control characters (PostgreSQL refuses NUL
/// outright, and the rest are invisible or reserved, see <c>Search.SnippetMarkup</c>) and no half of a
/// surrogate pair (not Unicode, so not storable as UTF-8).
/// </summary>
internal static class StorableText
{
    public const string Message = "must not contain control characters or unpaired surrogates";

    public const string MultilineMessage = "must not contain control characters (tab and line breaks excepted) or unpaired surrogates";

    /// <summary>True when every character may be stored; <paramref name="multiline"/> admits tab, line feed and carriage return.</summary>
    public static bool IsStorable(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (char.IsControl(character) && !(multiline && character is '\t' or '\n' or '\r'))
            {
                return false;
            }

            if (char.IsHighSurrogate(character) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(character))
            {
                return false;
            }
        }

        return true;
    }
}
