using System.Text;
using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// Repeatable made-up articles: one word in twenty is a health word (so a query term matches a minority of
/// chunks, as in real text), the rest a long tail of synthetic words with a skewed frequency. Questions come
/// short (three words) or as people type them: 10 to 25 words of everyday English (which the corpus does not
/// hold) around two to four health words, most of them in about one chunk in seven, and one or two tail
/// words, the specific names (a drug, a test) of a real question.
/// </summary>
internal sealed class SyntheticCorpus(int seed)
{
    private static readonly string[] HealthWords =
    [
        "sleep", "water", "hydration", "blood", "pressure", "heart", "vaccine", "infection", "exercise", "diet", "fibre",
        "salt", "sugar", "alcohol", "smoking", "skin", "vitamin", "bones", "teeth", "stress", "mood", "pain", "headache",
        "stroke", "cholesterol", "asthma", "allergy", "weight", "kidney", "lungs", "immune", "antibiotics", "fever", "cough",
    ];

    // {h}: a health word; {t}: a tail word.
    private static readonly string[] QuestionTemplates =
    [
        "I have had {h} and some {h} for three days now, should I worry about {t} or is it just {h}?",
        "My doctor mentioned {t} when we talked about my {h} and {h}, what does that mean for me?",
        "What is the best way to manage {h} and {h} at home without {t}, and when should I see someone?",
        "Can {h} make my {h} worse, and does {t} help with the {h} I get in the evening?",
        "How much {h} is too much if I also have {h} problems and take {t} every morning?",
        "Is it normal to have {h} after {h}, my sister says {t} and {t} are linked to it",
        "why do I get {h} every time I skip breakfast and is {t} safe with {h}",
        "Our son was told his {h} is related to {h} and {t}, is there anything we can do at home to help?",
        "what are the first signs of {h} in older people and could {t} be the reason for my mother's {h} and {h}",
        "does {t} interact with the {h} medicine my doctor gave me last week",
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

    /// <summary>A question as people type it: 10 to 25 words (see <see cref="QuestionTemplates"/>).</summary>
    public string Question()
    {
        var template = QuestionTemplates[_random.Next(QuestionTemplates.Length)];
        var question = new StringBuilder();
        foreach (var part in template.Split(' '))
        {
            question.Append(question.Length == 0 ? "" : " ").Append(part
                .Replace("{h}", HealthWords[_random.Next(HealthWords.Length)], StringComparison.Ordinal)
                .Replace("{t}", _tail[_random.Next(_tail.Length)], StringComparison.Ordinal));
        }

        return question.ToString();
    }

    private string Word() => _random.Next(20) == 0 ? HealthWords[_random.Next(HealthWords.Length)] : _tail[(int)Math.Pow(_random.NextDouble(), 2) * _tail.Length];
}
