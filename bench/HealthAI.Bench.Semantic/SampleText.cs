using System.Text;

namespace HealthAI.Bench.Semantic;

/// <summary>
/// Repeatable health-like text: chunks made of sentences in the style of the sample corpus, and questions as
/// people type them (8 to 30 words, most of them common words), so both sides of hybrid search do real work.
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

    private static readonly string[] QuestionWords =
    [
        "how", "can", "i", "my", "what", "should", "do", "is", "it", "the", "a", "to", "when", "why", "and", "of", "for", "with",
        "sleep", "flu", "blood", "pressure", "headache", "cough", "child", "kid", "teeth", "salt", "water", "tired", "pain",
        "exercise", "stop", "spread", "fever", "sugar", "heart", "bones", "leftovers", "germs", "night", "weeks", "doctor",
    ];

    private readonly Random _random = new(seed);
    private int _topic;

    public string Chunk(int characters)
    {
        var text = new StringBuilder($"Topic {_topic++ % 5000}. ");
        while (text.Length < characters)
        {
            text.Append(Sentences[_random.Next(Sentences.Length)]).Append(' ');
        }

        return text.ToString();
    }

    public string Document(int chunks) => string.Join("\n\n", Enumerable.Range(0, chunks).Select(_ => Chunk(760)));

    public string Question()
    {
        var words = _random.Next(8, 31);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => QuestionWords[_random.Next(QuestionWords.Length)])) + "?";
    }
}
