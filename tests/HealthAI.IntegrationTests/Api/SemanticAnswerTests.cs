using System.Net;
using System.Net.Http.Json;

namespace HealthAI.Api.Tests;

/// <summary>
/// Consumer questions over the sample corpus that use none of the words of the sentence that answers them:
/// the extractive answer must cite that sentence, which only meaning can find.
/// </summary>
public abstract class SemanticAnswerTests(KnowledgeBaseUnderTest engine)
{
    private static readonly (string Question, string Sentence)[] Questions =
    [
        ("How is the flu spread?", "Staying at home while ill, washing hands and covering coughs help protect others."),
        ("Why does my kid keep getting cavities?", "Cutting down on sugary foods and drinks, especially between meals, lowers the risk of tooth decay."),
        ("Can I warm up yesterday's dinner twice?", "Reheat leftovers only once, and eat them within two days."),
        ("Is scrolling on my phone late keeping me awake?", "Screens give off light that can delay sleep, so put phones and tablets away at least half an hour before bed."),
        ("Why do I get headaches after staring at my laptop?", "They feel like a band of pressure around the head and are often linked to stress, poor sleep, skipped meals, dehydration or long periods at a screen."),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Questions_in_a_patients_words_are_answered_with_the_sentence_that_answers_them()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Meaning.WaitUntilEmbeddedAsync(client, await Meaning.LoadSampleCorpusAsync(client, Cancel), Cancel);

        var misses = new List<string>();
        foreach (var (question, sentence) in Questions)
        {
            Assert.Empty(Meaning.SharedWords(question, sentence));
            var response = await client.PostAsJsonAsync("/api/ask", new { question }, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = (await Documents.JsonAsync(response, Cancel)).GetProperty("answer").GetString()!;
            if (!answer.Contains(sentence, StringComparison.Ordinal))
            {
                misses.Add($"{question} -> {answer}");
            }
        }

        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }
}

public sealed class SqliteSemanticAnswerTests() : SemanticAnswerTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlSemanticAnswerTests(PostgreSqlFixture postgres) : SemanticAnswerTests(postgres.Engine);
