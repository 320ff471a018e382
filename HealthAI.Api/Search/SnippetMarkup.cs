using System.Text;

namespace HealthAI.Api.Search;

/// <summary>
/// Snippets are HTML a client may render: the document's text escaped, and only the matches wrapped in
/// <c>&lt;mark&gt;</c>. The engines mark matches with two control characters, which no stored document may hold,
/// so that markup written in an article (even a literal <c>&lt;mark&gt;</c>) can never pass for a match or an element.
/// </summary>
internal static class SnippetMarkup
{
    /// <summary>What the engines put before a match (STX).</summary>
    public const char MatchStart = '\u0002';

    /// <summary>What the engines put after a match (ETX).</summary>
    public const char MatchEnd = '\u0003';

    public const string StartTag = "<mark>";
    public const string EndTag = "</mark>";

    /// <summary>The engine's snippet as HTML: every character of the text escaped, each marked match in <c>&lt;mark&gt;</c>.</summary>
    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var character in marked)
        {
            switch (character)
            {
                case MatchStart when !open:
                    html.Append(StartTag);
                    open = true;
                    break;
                case MatchEnd when open:
                    html.Append(EndTag);
                    open = false;
                    break;
                case MatchStart or MatchEnd:
                    // Unbalanced (a document stored before control characters were refused): dropped, never echoed.
                    break;
                default:
                    Escape(html, character);
                    break;
            }
        }

        return (open ? html.Append(EndTag) : html).ToString();
    }

    /// <summary>Plain text as HTML with nothing marked.</summary>
    public static string Escape(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            Escape(html, character);
        }

        return html.ToString();
    }

    // The five characters that can open markup, an entity or end an attribute; everything else is text as it is.
    private static void Escape(StringBuilder html, char character) => _ = character switch
    {
        '&' => html.Append("&amp;"),
        '<' => html.Append("&lt;"),
        '>' => html.Append("&gt;"),
        '"' => html.Append("&quot;"),
        '\'' => html.Append("&#39;"),
        _ => html.Append(character),
    };
}
