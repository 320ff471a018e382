using System.Text;
using System.Text.RegularExpressions;
using HealthAI.Api.Search;

namespace HealthAI.Api.Ask;

/// <summary>
/// Answers with sentences taken word for word from the retrieved chunks. With the embedding model, the ones
/// closest in meaning to the question, word overlap and better-ranked chunks breaking near ties (a person's
/// words are rarely the article's); without it, the ones that share the most of the question's words.
/// Nothing is invented, so it is the safe default and the fallback when a model cannot answer.
/// </summary>
internal static partial class ExtractiveAnswerer
{
    public const int MaxSentences = 3;
    public const string NothingFound = "The knowledge base has nothing on this question yet, so there is no answer to give.";
    private const int MinSentenceLength = 25;

    // Cosine similarities of arctic-embed-xs sit in a narrow band (0.75 to 0.9 for a question and its topic's
    // sentences), so overlap and amounts are small nudges, and sentences far below the best one are not used.
    private const double OverlapWeight = 0.02;
    private const double AmountWeight = 0.03;
    private const double MeaningMargin = 0.05;

    /// <summary>The answer, with <c>[n]</c> markers numbered by the position of each chunk in <paramref name="hits"/>.</summary>
    /// <param name="question">What the person asked.</param>
    /// <param name="hits">The retrieved chunks, best first.</param>
    /// <param name="meaning">Each candidate sentence's similarity to the question (see <see cref="SentenceMeaning"/>); null without a model.</param>
    public static string Answer(string question, IReadOnlyList<SearchHit> hits, IReadOnlyDictionary<string, double>? meaning = null)
    {
        if (hits.Count == 0)
        {
            return NothingFound;
        }

        var stems = QuestionStems(question);
        var asksForAmount = AmountQuestion().IsMatch(question);
        var candidates = new List<(int Chunk, int Position, string Sentence, double Score)>();
        for (var chunk = 0; chunk < hits.Count; chunk++)
        {
            var position = 0;
            foreach (var sentence in Sentences(hits[chunk].Text))
            {
                var shared = SharedStems(stems, sentence);
                // "How long / how much / how often" is answered by a sentence with a number in it.
                var amount = asksForAmount && Amount().IsMatch(sentence);
                double score;
                if (meaning is not null)
                {
                    // Sentences left out of the comparison in meaning (SentenceMeaning.MaxCandidates) are not candidates.
                    score = meaning.TryGetValue(sentence, out var similarity)
                        ? similarity + (OverlapWeight * shared / (1.0 + (0.25 * chunk))) + (amount ? AmountWeight : 0)
                        : 0;
                }
                else
                {
                    // Earlier chunks ranked better; an early sentence of a chunk tends to state its point.
                    score = shared == 0 ? 0 : shared / (1.0 + (0.25 * chunk)) + (0.01 / (1 + position)) + (amount ? 1 : 0);
                }

                candidates.Add((chunk, position++, sentence, score));
            }
        }

        var floor = meaning is null || candidates.Count == 0 ? 0 : candidates.Max(candidate => candidate.Score) - MeaningMargin;
        var chosen = candidates.Where(candidate => candidate.Score > 0 && candidate.Score >= floor)
            .OrderByDescending(candidate => candidate.Score)
            .DistinctBy(candidate => candidate.Sentence)
            .Take(MaxSentences)
            .OrderBy(candidate => candidate.Chunk).ThenBy(candidate => candidate.Position)
            .ToList();
        if (chosen.Count == 0)
        {
            chosen = candidates.Where(candidate => candidate.Chunk == 0).Take(1).ToList();
        }

        var answer = new StringBuilder();
        foreach (var (chunk, _, sentence, _) in chosen)
        {
            answer.Append(answer.Length == 0 ? "" : " ").Append(sentence).Append(" [").Append(chunk + 1).Append(']');
        }

        return answer.Length == 0 ? NothingFound : answer.ToString();
    }

    /// <summary>The sentences of a chunk, with markdown markers (headings, bullets, emphasis) taken off.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var clean = Emphasis().Replace(LineMarker().Replace(line.Trim(), ""), "").Trim();
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            foreach (var sentence in SentenceBreak().Split(clean))
            {
                var trimmed = sentence.Trim();
                if (trimmed.Length >= MinSentenceLength)
                {
                    yield return trimmed;
                }
            }
        }
    }

    private static HashSet<string> QuestionStems(string question) => SearchQuery.Terms(question).Select(Stem).ToHashSet(StringComparer.Ordinal);

    private static int SharedStems(HashSet<string> stems, string sentence)
    {
        var words = Word().Matches(sentence).Select(match => Stem(match.Value.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
        return stems.Count(words.Contains);
    }

    // A few characters of a word are enough to match "vaccines" with "vaccination" without a stemmer.
    private static string Stem(string word) => word.Length <= 5 ? word : word[..5];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\bhow\s+(long|much|many|often|old)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AmountQuestion();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|once|daily|weekly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\p{N}])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^(#+\s*|[-*+>]\s+|\d+[.)]\s+)")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"(\*\*|__|\*|`)")]
    private static partial Regex Emphasis();
}
