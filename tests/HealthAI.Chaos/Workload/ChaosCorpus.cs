namespace HealthAI.Chaos.Workload;

/// <summary>
/// The small fixed knowledge the mixed load reads and writes. The first <see cref="SeededCount"/>
/// documents are stored before any run, so searches and questions find something; the others are new
/// the first time the load ingests them (201) and known after (200).
/// </summary>
internal static class ChaosCorpus
{
    public const int SeededCount = 5;

    public static IReadOnlyList<ChaosDocument> Documents { get; } =
    [
        new("Influenza basics", "Influenza spreads through droplets when people cough, sneeze or talk. Yearly vaccination lowers the risk of flu and of its complications. Rest and fluids help most people recover within a week."),
        new("Sleep for adults", "Most adults need seven to nine hours of sleep a night. A regular schedule, a dark room and less caffeine late in the day improve sleep quality."),
        new("Staying hydrated", "Water helps regulate body temperature and carries nutrients. Thirst, dark urine and headaches can be signs of dehydration, especially in hot weather or during exercise."),
        new("Blood pressure", "High blood pressure rarely causes symptoms, so it should be measured regularly. Less salt, regular exercise and a healthy weight help keep blood pressure down."),
        new("Vitamin D", "Vitamin D helps the body absorb calcium for strong bones. Sunlight on the skin makes vitamin D; oily fish and fortified foods provide it too."),
        new("Iron and anaemia", "Iron carries oxygen in the blood as part of haemoglobin. Too little iron causes anaemia, with tiredness and pale skin; red meat, beans and spinach are good sources."),
        new("Pollen allergies", "Hay fever is an allergy to pollen that causes sneezing, itchy eyes and a runny nose. Antihistamines and keeping windows closed on high-pollen days help."),
        new("Walking for health", "Brisk walking for thirty minutes on most days strengthens the heart, helps control weight and lifts mood. Any exercise is better than none."),
    ];

    /// <summary>Search terms: most match a seeded document, a few match only documents the load adds.</summary>
    public static IReadOnlyList<string> SearchTerms { get; } =
        ["flu", "sleep", "water", "dehydration", "blood pressure", "salt", "vitamin", "bones", "caffeine", "iron", "pollen", "walking"];

    public static IReadOnlyList<string> Questions { get; } =
    [
        "How is the flu spread?",
        "How much sleep do adults need?",
        "What are signs of dehydration?",
        "How can I lower my blood pressure?",
        "Where does vitamin D come from?",
        "What does iron do in the blood?",
    ];
}
