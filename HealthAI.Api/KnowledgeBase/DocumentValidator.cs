using System.Text.RegularExpressions;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Checks one incoming document; the error keys name the field, as RFC 9457 validation problems do.
/// The readers already stopped at the count and length limits; this is the exact check on what they read,
/// in time linear in the document.
/// </summary>
internal static partial class DocumentValidator
{
    public static NewDocument? Validate(DocumentInput input, string prefix, Dictionary<string, string[]> errors)
    {
        var title = input.Title?.Trim() ?? "";
        var text = NormalizeNewlines(input.Text ?? "").Trim();
        var source = input.Source?.Trim() ?? "";
        var failed = errors.Count;

        if (title.Length == 0)
        {
            errors[$"{prefix}title"] = ["A title is required."];
        }
        else if (title.Length > DocumentLimits.MaxTitleLength || !StorableText.IsStorable(title))
        {
            errors[$"{prefix}title"] = [DocumentLimits.TitleMessage];
        }

        if (text.Length == 0)
        {
            errors[$"{prefix}text"] = ["The text is required and must not be blank."];
        }
        else if (!StorableText.IsStorable(text, multiline: true))
        {
            errors[$"{prefix}text"] = [$"The text {StorableText.MultilineMessage}."];
        }

        if (source.Length > DocumentLimits.MaxSourceLength)
        {
            errors[$"{prefix}source"] = [DocumentLimits.SourceMessage];
        }
        else if (!StorableText.IsStorable(source))
        {
            errors[$"{prefix}source"] = [$"The source {StorableText.Message}."];
        }

        var tags = ValidTags(input.Tags ?? [], prefix, errors);
        var format = input.Format ?? "text";
        return errors.Count > failed ? null : new NewDocument(DocumentId.For(title, text), title, text, source, tags, format);
    }

    /// <summary>The tags normalised and without repeats, in the order sent; the count is checked before any of them.</summary>
    private static List<string> ValidTags(IReadOnlyList<string?> sent, string prefix, Dictionary<string, string[]> errors)
    {
        var tags = new List<string>();
        if (sent.Count > DocumentLimits.MaxTags)
        {
            errors[$"{prefix}tags"] = [DocumentLimits.TagCountMessage];
            return tags;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in sent)
        {
            var normalized = tag?.Trim().ToLowerInvariant() ?? "";
            if (!TagPattern().IsMatch(normalized))
            {
                errors[$"{prefix}tags"] = [DocumentLimits.TagMessage(tag)];
                break;
            }

            if (seen.Add(normalized))
            {
                tags.Add(normalized);
            }
        }

        return tags;
    }

    private static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TagPattern();
}
