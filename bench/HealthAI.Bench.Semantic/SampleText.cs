using System.Text;

namespace HealthAI.Bench.Semantic;

/// <summary>
/// Repeatable health-like text: chunks that mix sentences in the style of the sample corpus with a long tail of
/// rarer words, and questions as people type them (8 to 30 words), so both sides of hybrid search do real work.
/// </summary>
internal sealed class SampleText(int seed)
{
    private static readonly string[] Sentences =
    [
        "Washing hands with soap for at least 20 seconds removes most germs.",
        "Staying at home while ill, washing hands and covering coughs help protect others.",
        "Most adults need seven or more hours of sleep each night.",
        "Eating too much salt raises blood pressure, which increases the risk of heart disease and stroke.",
        "Regular physical activity lowers blood pressure, improves mood and sleep and helps control weight.",
        "Antibiotics treat infections caused by bacteria and do not work against viruses.",
        "Dehydration happens when the body loses more fluid than it takes in.",
        "A yearly flu vaccine is the best way to lower the risk of influenza.",
        "Brush your teeth twice a day for about two minutes with a fluoride toothpaste.",
        "Sugary drinks are the largest source of added sugar for many people.",
        "Vitamin D helps the body absorb calcium and keeps bones and muscles healthy.",
        "Stress can cause headaches, poor sleep, irritability and low mood.",
        "Smoking damages almost every organ of the body and causes lung cancer.",
        "Call the emergency number immediately if you think someone is having a heart attack.",
        "Fibre keeps bowel movements regular and helps prevent constipation.",
        "Reheat leftovers only once, and eat them within two days.",
    ];

    private static readonly string[] CommonWords =
        ["how", "can", "i", "my", "what", "should", "do", "is", "it", "the", "a", "to", "when", "why", "and", "of", "for", "with", "after", "in"];

    private readonly Random _random = new(seed);
    private readonly string[] _healthWords = [.. Sentences.SelectMany(sentence => sentence.TrimEnd('.').ToLowerInvariant().Split(' ', ',')).Where(word => word.Length > 3).Distinct()];
    private readonly string[] _tail = [.. Enumerable.Range(0, 20_000).Select(i => $"term{i:x}")];

    /// <summary>A chunk: one sentence in four from the sample sentences, the rest words of a long, skewed tail, so a query word matches a minority of chunks.</summary>
    public string Chunk(int characters)
    {
        var text = new StringBuilder();
        while (text.Length < characters)
        {
            if (_random.Next(4) == 0)
            {
                text.Append(Sentences[_random.Next(Sentences.Length)]).Append(' ');
                continue;
            }

            var words = _random.Next(10, 18);
            for (var w = 0; w < words; w++)
            {
                text.Append(w == 0 ? "" : " ").Append(_random.Next(10) == 0 ? _healthWords[_random.Next(_healthWords.Length)] : Tail());
            }

            text.Append(". ");
        }

        return text.ToString();
    }

    public string Document(int chunks) => string.Join("\n\n", Enumerable.Range(0, chunks).Select(_ => Chunk(760)));

    /// <summary>A question as people type them: 8 to 30 words, half of them common words, most of the rest health words, a few rare.</summary>
    public string Question()
    {
        var words = _random.Next(8, 31);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => _random.Next(10) switch
        {
            < 5 => CommonWords[_random.Next(CommonWords.Length)],
            < 9 => _healthWords[_random.Next(_healthWords.Length)],
            _ => Tail(),
        })) + "?";
    }

    private string Tail() => _tail[(int)(Math.Pow(_random.NextDouble(), 3) * _tail.Length)];
}
