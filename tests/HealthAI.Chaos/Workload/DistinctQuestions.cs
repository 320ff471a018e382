namespace HealthAI.Chaos.Workload;

/// <summary>
/// Questions as people ask them about the sample corpus's topics, every one different: a question's
/// vector, its sentences' scores and its search are never served from a cache built by an earlier one.
/// </summary>
internal static class DistinctQuestions
{
    private static readonly string[] Topics =
    [
        "drinking alcohol", "hay fever", "antibiotics", "asthma", "lower back pain", "a balanced diet", "high cholesterol",
        "a cold", "dehydration", "depression", "fibre", "food poisoning", "washing my hands", "headaches",
        "a healthy weight", "a heart attack", "high blood pressure", "drinking enough water", "the flu",
        "my teeth and gums", "exercise", "salt", "sleep", "quitting smoking", "stress", "a stroke", "sugar",
        "sunburn", "type 2 diabetes", "vaccines", "vitamin D",
    ];

    private static readonly string[] Forms =
    [
        "What should I know about {0}?",
        "How can I tell if I have a problem with {0}?",
        "What are the warning signs related to {0}?",
        "When should I see a doctor about {0}?",
        "How do I lower my risk from {0}?",
        "Is {0} dangerous for older people?",
        "What helps most with {0} at home?",
        "Does {0} affect children differently?",
        "How much does {0} matter for my heart?",
        "Can {0} make me feel tired all the time?",
        "What is a common myth about {0}?",
        "How quickly does {0} get better?",
        "What foods are good or bad for {0}?",
        "Can {0} be prevented, and how?",
        "Why does {0} happen in the first place?",
        "What do experts recommend about {0} each day?",
        "Could {0} be linked to my sleep?",
        "What should a pregnant woman know about {0}?",
        "Is it safe to exercise with {0}?",
        "What questions should I ask my GP about {0}?",
    ];

    /// <summary>How many different questions there are before they repeat.</summary>
    public static int Count => Topics.Length * Forms.Length;

    /// <summary>Question <paramref name="index"/>: topics vary fastest, so neighbours differ in subject as well as form.</summary>
    public static string Get(long index)
    {
        var i = (int)(index % Count);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Forms[i / Topics.Length], Topics[i % Topics.Length]);
    }
}
