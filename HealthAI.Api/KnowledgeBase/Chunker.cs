using System.Text;
using System.Text.RegularExpressions;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Cuts a document into passages of about a target size along paragraph, then sentence, boundaries:
/// retrieval ranks passages, so one long article cannot crowd out the rest, and a citation points at
/// the paragraph that says it.
/// </summary>
internal static partial class Chunker
{
    public static IReadOnlyList<string> Split(string text, int targetCharacters)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in Pieces(text, targetCharacters))
        {
            if (current.Length > 0 && current.Length + piece.Length + 2 > targetCharacters)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append("\n\n");
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    /// <summary>Paragraphs, with any paragraph longer than the target broken into sentences (and those into words).</summary>
    private static IEnumerable<string> Pieces(string text, int targetCharacters)
    {
        foreach (var paragraph in ParagraphBreak().Split(text))
        {
            var trimmed = paragraph.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.Length <= targetCharacters)
            {
                yield return trimmed;
                continue;
            }

            foreach (var sentence in SentenceBreak().Split(trimmed))
            {
                for (var start = 0; start < sentence.Length; start += targetCharacters)
                {
                    yield return sentence.Substring(start, Math.Min(targetCharacters, sentence.Length - start));
                }
            }
        }
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();
}
