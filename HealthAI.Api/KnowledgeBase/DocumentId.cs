using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// A document's id is the hash of its title and text: sending the same document twice, or a retry
/// by the edge, finds the first copy instead of making a second.
/// </summary>
internal static partial class DocumentId
{
    public static string For(string title, string text)
    {
        var canonical = $"{title.Trim()}\n{text.Trim()}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
