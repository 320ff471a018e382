using System.Text.RegularExpressions;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Checks one incoming document; the error keys name the field, as RFC 9457 validation problems do.</summary>
internal static partial class DocumentValidator
{
    public const int MaxTitleLength = 300;
    public const int MaxSourceLength = 1000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

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
        else if (title.Length > MaxTitleLength || title.Any(char.IsControl))
        {
            errors[$"{prefix}title"] = [$"A title is one line of at most {MaxTitleLength} characters."];
        }

        if (text.Length == 0)
        {
            errors[$"{prefix}text"] = ["The text is required and must not be blank."];
        }

        if (source.Length > MaxSourceLength)
        {
            errors[$"{prefix}source"] = [$"A source is at most {MaxSourceLength} characters."];
        }

        var tags = new List<string>();
        foreach (var tag in input.Tags ?? [])
        {
            var normalized = tag?.Trim().ToLowerInvariant() ?? "";
            if (!TagPattern().IsMatch(normalized))
            {
                errors[$"{prefix}tags"] = [$"A tag is 1 to {MaxTagLength} lower-case letters, digits or '-'; got '{tag}'."];
                break;
            }

            if (!tags.Contains(normalized))
            {
                tags.Add(normalized);
            }
        }

        if (tags.Count > MaxTags)
        {
            errors[$"{prefix}tags"] = [$"At most {MaxTags} tags."];
        }

        var format = input.Format ?? "text";
        return errors.Count > failed ? null : new NewDocument(DocumentId.For(title, text), title, text, source, tags, format);
    }

    private static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TagPattern();
}
