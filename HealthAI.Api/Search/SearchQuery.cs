using System.Text.RegularExpressions;

namespace HealthAI.Api.Search;

/// <summary>
/// Turns a person's question into search terms: its words, letters and digits only (so FTS5 or tsquery
/// syntax in the question, such as <c>NEAR</c>, <c>!</c> or a stray quote, is just text), which each
/// engine's dialect joins by OR so that passages rank by how many of the meaningful words they share;
/// common words are dropped when others remain.
/// <para>
/// An engine ranks every chunk that matches any term, so a long question of everyday words would rank a
/// large part of the corpus. Each dialect therefore prunes by the number of chunks that hold each term (its
/// document frequency, from the engine): terms no chunk holds are left out (they rank nothing); the
/// <see cref="RankedTermLimit"/> rarest of the others are ranked; and only chunks holding one of the rarest
/// ones, taken while the chunks they match add up to no more than <see cref="CandidateBudget"/> (the rarest
/// always), are candidates. A more common ranked term still adds to a candidate's score, but finds none:
/// it is what would cost most to rank, and it weighs little in BM25 anyway (its inverse document frequency
/// is low).
/// </para>
/// </summary>
internal static partial class SearchQuery
{
    public const int MaxLength = 500;

    /// <summary>At most this many terms are ranked, the rarest ones.</summary>
    public const int RankedTermLimit = 8;

    /// <summary>
    /// The terms that find candidates match at most this many chunks together (counted per term, so a chunk
    /// holding two of them counts twice): what keeps a search's cost bounded whatever the corpus size. Below
    /// it, nothing but the term limit applies.
    /// </summary>
    public const int CandidateBudget = 10_000;

    private const int MaxTerms = 32;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from",
        "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "should", "so", "that", "the",
        "their", "there", "these", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will",
        "with", "would", "you", "your",
    };

    /// <summary>The distinct lower-case words of the question, common words dropped when others remain.</summary>
    public static IReadOnlyList<string> Terms(string question)
    {
        var words = Word().Matches(question).Select(match => match.Value.ToLowerInvariant()).Distinct().ToList();
        var meaningful = words.Where(word => !StopWords.Contains(word)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Take(MaxTerms).ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
