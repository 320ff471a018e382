using System.Text;
using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// Repeatable made-up articles: one word in twenty is a health word (so a query term matches a minority of
/// chunks, as in real text), the rest a long tail of synthetic words with a skewed frequency.
/// </summary>
internal sealed class SyntheticCorpus(int seed)
{
    private static readonly string[] HealthWords =
    [
        "sleep", "water", "hydration", "blood", "pressure", "heart", "vaccine", "infection", "exercise", "diet", "fibre",
        "salt", "sugar", "alcohol", "smoking", "skin", "vitamin", "bones", "teeth", "stress", "mood", "pain", "headache",
        "stroke", "cholesterol", "asthma", "allergy", "weight", "kidney", "lungs", "immune", "antibiotics", "fever", "cough",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _tail = [.. Enumerable.Range(0, 5000).Select(i => $"term{i:x}")];
    private int _next;

    public DocumentInput Next(int paragraphs)
    {
        var number = _next++;
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            for (var s = 0; s < 6; s++)
            {
                var words = _random.Next(10, 18);
                for (var w = 0; w < words; w++)
                {
                    text.Append(w == 0 ? "" : " ").Append(Word());
                }

                text.Append(". ");
            }

            text.Append("\n\n");
        }

        return new DocumentInput($"Synthetic article {number}", text.ToString(), "benchmark", ["bench"]);
    }

    /// <summary>Two health words and a tail word, as a person's question has a topic and something specific.</summary>
    public string Query() => $"{HealthWords[_random.Next(HealthWords.Length)]} {HealthWords[_random.Next(HealthWords.Length)]} {_tail[_random.Next(_tail.Length)]}";

    private string Word() => _random.Next(20) == 0 ? HealthWords[_random.Next(HealthWords.Length)] : _tail[(int)Math.Pow(_random.NextDouble(), 2) * _tail.Length];
}
